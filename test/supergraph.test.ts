import * as fs from 'node:fs';
import { apiSchemaOf, composeSupergraph, CompositionError } from '@tongxin/gateway';
import { API_SCHEMA_PATH, composeFromDefinitions, SUPERGRAPH_PATH } from '@tongxin/platform';

describe('the supergraph', () => {
  it('is what the subgraphs compose to today (run `npm run compose` and commit it when this fails)', async () => {
    const composed = await composeFromDefinitions();
    expect(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')).toBe(composed);
  });

  it("has its public API schema committed beside it (gateway/api-schema.graphql, read by the console's codegen)", () => {
    const api = fs.readFileSync(API_SCHEMA_PATH, 'utf8');
    expect(api).toBe(apiSchemaOf(fs.readFileSync(SUPERGRAPH_PATH, 'utf8')));
    // The public API only: no federation machinery, no @inaccessible element.
    expect(api).not.toMatch(/join__|link__|@inaccessible|_entities|_service/);
    expect(api).toMatch(/personStats\(filter: PersonFilter, groupBy: \[PersonStatsDimension!\]!\): \[PersonStatsGroup!\]!/);
  });

  it('refuses subgraphs that do not compose', () => {
    const link = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])';
    const a = { name: 'a', url: 'http://a', sdl: `${link}\ntype Query { thing: Thing }\ntype Thing @key(fields: "id") { id: ID! size: Int }` };
    const b = { name: 'b', url: 'http://b', sdl: `${link}\ntype Query { other: Thing }\ntype Thing @key(fields: "id") { id: ID! size: String }` };
    expect(() => composeSupergraph([a, b])).toThrow(CompositionError);
  });
});
