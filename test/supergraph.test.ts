import * as fs from 'node:fs';
import { composeSupergraph, CompositionError } from '@tongxin/gateway';
import { composeFromDefinitions, SUPERGRAPH_PATH } from '@tongxin/platform';

describe('the supergraph', () => {
  it('is what the subgraphs compose to today (run `npm run compose` and commit it when this fails)', async () => {
    const composed = await composeFromDefinitions();
    expect(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
  });

  it('refuses subgraphs that do not compose', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const a = { name: 'a', url: 'http://a', sdl: `${link}\ntype Query { thing: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }` };
    const b = { name: 'b', url: 'http://b', sdl: `${link}\ntype Query { other: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }` };
    expect(() => composeSupergraph([a, b])).toThrow(CompositionError);
  });
});
