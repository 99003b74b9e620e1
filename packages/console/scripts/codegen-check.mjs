// Fails when the committed typed documents (src/gql) differ from what graphql-codegen makes of the
// console's documents and gateway/api-schema.graphql today (npm run codegen writes them).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate } from '@graphql-codegen/cli';

const cwd = path.resolve(import.meta.dirname, '..');
// `--gql <dir>`: compare another copy of src/gql (the check's own test) instead of the committed one.
const at = process.argv.indexOf('--gql');
const gqlDir = at > 0 ? path.resolve(process.argv[at + 1]) : path.join(cwd, 'src/gql');
const { default: config } = await import(path.join(cwd, 'codegen.mjs'));
const outputs = await generate({ ...config, cwd, silent: true }, false);
const stale = [];
for (const out of outputs) {
  const file = path.join(gqlDir, path.relative(path.join(cwd, 'src/gql'), path.resolve(cwd, out.filename)));
  const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
  if (committed !== out.content) stale.push(path.relative(cwd, path.resolve(cwd, out.filename)));
}
const expected = new Set(outputs.map((o) => path.resolve(cwd, o.filename)));
for (const f of fs.readdirSync(gqlDir)) {
  if (!expected.has(path.join(cwd, 'src/gql', f))) stale.push(path.join('src/gql', f));
}
if (stale.length) {
  console.error(`The generated GraphQL types are out of date (${stale.join(', ')}): run npm run codegen -w @tongxin/console and commit them.`);
  process.exit(1);
}
console.log(`the generated GraphQL types are up to date (${outputs.length} files)`);
