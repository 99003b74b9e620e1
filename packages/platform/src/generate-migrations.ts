/**
 * `npm run migration:generate -- <Name>`: for every subgraph and both dialects, applies the
 * existing migrations to a scratch database, asks TypeORM what the entities still need, and
 * writes that as a new versioned migration (nothing when the schema is current). MySQL needs
 * the server of MYSQL_HOST/MYSQL_PORT (default 127.0.0.1:3306, root).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createLogger,
  CountingTypeOrmLogger,
  DatabaseConfig,
  dataSourceOptions,
  databaseConfigFromEnv,
  dropMysqlDatabase,
  ensureMysqlDatabase,
  MysqlConfig,
  SqlStatementCounter,
  AnySubgraphDefinition,
} from '@tongxin/common';
import { DataSource } from 'typeorm';
import { SUBGRAPHS } from './subgraphs';

const ROOT = path.resolve(__dirname, '../../..');

export async function pendingSchemaChanges(def: AnySubgraphDefinition, config: DatabaseConfig) {
  const spec = config.type === 'mysql' ? { ...def, subgraph: `migrations_${def.subgraph}` } : def;
  const counter = new SqlStatementCounter();
  const logger = new CountingTypeOrmLogger(counter, createLogger('migrations', 'warn'));
  let server;
  if (config.type === 'mysql') {
    await dropMysqlDatabase(config, `${config.databasePrefix}${spec.subgraph}`);
    server = await ensureMysqlDatabase(config, `${config.databasePrefix}${spec.subgraph}`);
  }
  const ds = new DataSource(dataSourceOptions(config, spec, logger, server));
  await ds.initialize();
  try {
    await ds.runMigrations({ transaction: 'each' });
    return await ds.driver.createSchemaBuilder().log();
  } finally {
    await ds.destroy();
    if (config.type === 'mysql') await dropMysqlDatabase(config, `${config.databasePrefix}${spec.subgraph}`);
  }
}

function renderMigration(className: string, up: string[], down: string[]): string {
  const lines = (qs: string[]) => qs.map((q) => `    await queryRunner.query(${JSON.stringify(q)});`).join('\n');
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${lines(up)}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${lines(down)}
  }
}
`;
}

/** Writes a generated source file as `npm run lint` wants it: formatted by Prettier's public API with the repository's configuration. */
async function writeFormatted(file: string, text: string): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(text, { ...options, filepath: file }));
}

async function writeIndex(dir: string): Promise<void> {
  const list = (dialect: string) =>
    fs
      .readdirSync(path.join(dir, dialect))
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => ({ file: f.replace(/\.ts$/, ''), cls: /export class (\w+)/.exec(fs.readFileSync(path.join(dir, dialect, f), 'utf8'))![1]! }));
  const mysql = list('mysql');
  const sqlite = list('sqlite');
  const imports = [...mysql.map((m) => `import { ${m.cls} as Mysql${m.cls} } from './mysql/${m.file}';`), ...sqlite.map((m) => `import { ${m.cls} as Sqlite${m.cls} } from './sqlite/${m.file}';`)];
  const body = `// Versioned schema changes, one list per dialect, oldest first. Generated with
// \`npm run migration:generate -- <Name>\`; never edit one that has shipped.
${imports.join('\n')}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [${mysql.map((m) => `Mysql${m.cls}`).join(', ')}];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [${sqlite.map((m) => `Sqlite${m.cls}`).join(', ')}];
`;
  await writeFormatted(path.join(dir, 'index.ts'), body);
}

/** A subgraph's definition by name, from its package's exports (`@tongxin/<name>`). */
function loadSubgraph(name: string): AnySubgraphDefinition {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the package is named at run time; this CommonJS CLI loads it synchronously
  const exports = require(`@tongxin/${name}`) as Record<string, unknown>;
  const def = Object.values(exports).find((v) => (v as { subgraph?: string })?.subgraph === name);
  if (!def) throw new Error(`@tongxin/${name} exports no subgraph definition named ${name}`);
  return def as AnySubgraphDefinition;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    console.error('usage: npm run migration:generate -- <PascalCaseName> [subgraph]');
    process.exit(2);
  }
  const stamp = Date.now();
  const mysqlConfig: MysqlConfig = { ...(databaseConfigFromEnv({ ...process.env, TONGXIN_DB: 'mysql' }) as MysqlConfig) };
  const sqliteConfig: DatabaseConfig = { type: 'sqlite', directory: ':memory:' };
  const only = process.argv[3];
  for (const def of only ? [loadSubgraph(only)] : SUBGRAPHS) {
    const dir = path.join(ROOT, 'subgraphs', def.subgraph, 'src', 'migrations');
    for (const [dialect, config] of [
      ['mysql', mysqlConfig],
      ['sqlite', sqliteConfig],
    ] as const) {
      fs.mkdirSync(path.join(dir, dialect), { recursive: true });
      const log = await pendingSchemaChanges(def, config);
      if (log.upQueries.length === 0) {
        console.log(`${def.subgraph}/${dialect}: up to date`);
        continue;
      }
      const className = `${name}${stamp}`;
      const file = path.join(dir, dialect, `${stamp}-${name}.ts`);
      await writeFormatted(
        file,
        renderMigration(
          className,
          log.upQueries.map((q) => q.query),
          log.downQueries.map((q) => q.query).reverse(),
        ),
      );
      console.log(`${def.subgraph}/${dialect}: wrote ${path.relative(ROOT, file)} (${log.upQueries.length} statements)`);
    }
    await writeIndex(dir);
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
