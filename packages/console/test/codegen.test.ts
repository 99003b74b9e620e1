import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The committed typed documents (src/gql, made by graphql-codegen from the console's documents and
 * gateway/api-schema.graphql) are what codegen makes today: a field renamed in a subgraph fails
 * here, not in a browser. (Codegen runs as its own Node process: it is ES modules only.)
 */
const CONSOLE = path.resolve(__dirname, '..');
const check = (...args: string[]) => spawnSync(process.execPath, ['scripts/codegen-check.mjs', ...args], { cwd: CONSOLE, encoding: 'utf8' });

it('the generated GraphQL types are up to date (npm run codegen -w @tongxin/console when this fails)', () => {
  const result = check();
  expect([result.status, result.stderr]).toEqual([0, '']);
});

it('the check fails on a stale generated file, and on one codegen no longer makes', () => {
  // A copy of src/gql, changed as a schema change would leave it: the committed one is never touched.
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-gql-'));
  try {
    fs.cpSync(path.join(CONSOLE, 'src/gql'), copy, { recursive: true });
    expect(check('--gql', copy).status).toBe(0);
    const file = path.join(copy, 'graphql.ts');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('personStats', 'personStatistics'));
    const stale = check('--gql', copy);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toContain('src/gql/graphql.ts');
    fs.cpSync(path.join(CONSOLE, 'src/gql/graphql.ts'), file);
    fs.writeFileSync(path.join(copy, 'old.ts'), 'export {};\n');
    expect(check('--gql', copy).stderr).toContain('src/gql/old.ts');
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
});
