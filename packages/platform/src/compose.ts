/**
 * `npm run compose`: builds every subgraph's SDL (no database needed), composes them with
 * @apollo/composition and writes gateway/supergraph.graphql, the file the gateway serves.
 * `npm run compose -- --check` fails instead of writing when the committed file differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnySubgraphDefinition, buildSubgraphSchemaOf } from '@tongxin/common';
import { composeSupergraph } from '@tongxin/gateway';
import { SUBGRAPHS } from './subgraphs';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../../gateway/supergraph.graphql');

export async function composeFromDefinitions(defs: ReadonlyArray<AnySubgraphDefinition> = SUBGRAPHS): Promise<string> {
  const sdls = [];
  for (const def of defs) {
    const { sdl } = await buildSubgraphSchemaOf(def);
    sdls.push({ name: def.subgraph, url: `http://127.0.0.1:${def.defaultPort}/graphql`, sdl });
  }
  return composeSupergraph(sdls);
}

async function main(): Promise<void> {
  const supergraph = await composeFromDefinitions();
  const check = process.argv.includes('--check');
  const current = fs.existsSync(SUPERGRAPH_PATH) ? fs.readFileSync(SUPERGRAPH_PATH, 'utf8') : '';
  if (check) {
    if (current !== supergraph) {
      console.error(`${path.relative(process.cwd(), SUPERGRAPH_PATH)} is out of date: run npm run compose and commit it.`);
      process.exit(1);
    }
    console.log('supergraph is up to date');
    return;
  }
  fs.writeFileSync(SUPERGRAPH_PATH, supergraph);
  console.log(`wrote ${path.relative(process.cwd(), SUPERGRAPH_PATH)} (${SUBGRAPHS.map((s) => s.subgraph).join(', ')})`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
