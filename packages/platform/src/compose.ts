/**
 * `npm run compose`: builds every subgraph's SDL (no database needed), composes them with
 * @apollo/composition and writes gateway/supergraph.graphql, the file the gateway serves.
 * and gateway/api-schema.graphql, its public API (the console's GraphQL types are generated from it).
 * `npm run compose -- --check` fails instead of writing when a committed file differs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AnySubgraphDefinition, buildSubgraphSchemaOf } from '@tongxin/common';
import { apiSchemaOf, composeSupergraph } from '@tongxin/gateway';
import { SUBGRAPHS } from './subgraphs';

export const SUPERGRAPH_PATH = path.resolve(__dirname, '../../../gateway/supergraph.graphql');

/** The gateway's public API schema (apiSchemaOf the supergraph), committed beside it. */
export const API_SCHEMA_PATH = path.resolve(__dirname, '../../../gateway/api-schema.graphql');

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
  const files = [
    [SUPERGRAPH_PATH, supergraph],
    [API_SCHEMA_PATH, apiSchemaOf(supergraph)],
  ] as const;
  const check = process.argv.includes('--check');
  if (check) {
    const stale = files.filter(([file, text]) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '') !== text);
    for (const [file] of stale) console.error(`${path.relative(process.cwd(), file)} is out of date: run npm run compose and commit it.`);
    if (stale.length) process.exit(1);
    console.log('supergraph and API schema are up to date');
    return;
  }
  for (const [file, text] of files) fs.writeFileSync(file, text);
  console.log(`wrote ${files.map(([file]) => path.relative(process.cwd(), file)).join(' and ')} (${SUBGRAPHS.map((s) => s.subgraph).join(', ')})`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
