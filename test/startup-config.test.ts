import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, createLogger, databaseConfigFromEnv, databaseConfigToEnv, runSubgraphMain, startSubgraph, subgraphOptionsFromEnv } from '@tongxin/common';
import { organizationsSubgraph } from '@tongxin/organizations';
import { personsSubgraph } from '@tongxin/persons';
import { TEST_AUTH } from './harness/auth';
import { freshDatabase } from './harness/database';

const SECRET = 'tongxin-test-secret-only-for-tests-0123456789';

describe('a subgraph refuses bad configuration at start, with a ConfigError message', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-config-'));
  });
  afterAll(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string>) => ({ TONGXIN_JWT_SECRET: SECRET, TONGXIN_DATA_DIR: dataDir, ...extra });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL=verbose is not one of fatal, error, warn, info, debug, trace, silent'],
    [{ LOG_LEVEL: 'INFO' }, 'LOG_LEVEL=INFO is not one of fatal, error, warn, info, debug, trace, silent'],
    [{ LOADER_MAX_BATCH_SIZE: 'lots' }, 'LOADER_MAX_BATCH_SIZE=lots is not a whole number from 1 to 100000'],
    [{ LOADER_MAX_BATCH_SIZE: '0' }, 'LOADER_MAX_BATCH_SIZE=0 is not a whole number from 1 to 100000'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV=staging is not one of production, development, test'],
    [{ NODE_ENV: 'prod' }, 'NODE_ENV=prod is not one of production, development, test'],
    [{ SUBGRAPH_MAX_BODY_BYTES: '100' }, 'SUBGRAPH_MAX_BODY_BYTES=100 is not a whole number from 1024 to 1073741824'],
    [{ SUBGRAPH_EXECUTOR: 'jit' }, "SUBGRAPH_EXECUTOR is no longer read: subgraphs run their operations on Apollo Server's own graphql-js execution. Remove it from the environment"],
    [{ SUBGRAPH_EXECUTOR: 'graphql-js' }, "SUBGRAPH_EXECUTOR is no longer read: subgraphs run their operations on Apollo Server's own graphql-js execution. Remove it from the environment"],
  ])('refuses %j', (extra, message) => {
    expect(() => subgraphOptionsFromEnv(personsSubgraph, env(extra))).toThrow(new ConfigError(message));
  });

  it('writes a database configuration as the variables it is read back from', () => {
    const mysql = { type: 'mysql', host: 'db.internal', port: 3307, user: 'tongxin', password: 'p w', databasePrefix: 'city_', poolSize: 4 } as const;
    expect(databaseConfigFromEnv(databaseConfigToEnv(mysql))).toEqual(mysql);
    const sqlite = { type: 'sqlite', directory: path.join(dataDir, 'db') } as const;
    expect(databaseConfigFromEnv(databaseConfigToEnv(sqlite))).toEqual(sqlite);
  });

  it('takes good values', () => {
    const options = subgraphOptionsFromEnv(personsSubgraph, env({ NODE_ENV: 'production', LOG_LEVEL: 'debug', LOADER_MAX_BATCH_SIZE: '200', PORT: '0' }));
    expect(options).toMatchObject({ logLevel: 'debug', production: true, port: 0, migrate: true, maxBodyBytes: 16 * 1024 * 1024 });
    expect(subgraphOptionsFromEnv(personsSubgraph, env({ SUBGRAPH_MAX_BODY_BYTES: '2048' })).maxBodyBytes).toBe(2048);
    expect(subgraphOptionsFromEnv(personsSubgraph, env({}))).toMatchObject({ logLevel: 'info', production: false, port: 4001 });
    expect(subgraphOptionsFromEnv(personsSubgraph, env({}))).not.toHaveProperty('executor');
    expect(() => createLogger('x', 'loud')).toThrow(ConfigError);
  });

  it.each([
    [{ LOG_LEVEL: 'verbose' }, /^persons cannot start: LOG_LEVEL=verbose is not one of fatal, error, warn, info, debug, trace, silent\n$/],
    [{ NODE_ENV: 'staging' }, /^persons cannot start: NODE_ENV=staging is not one of production, development, test\n$/],
    [{ LOADER_MAX_BATCH_SIZE: '-1' }, /^persons cannot start: LOADER_MAX_BATCH_SIZE=-1 is not a whole number from 1 to 100000\n$/],
    [
      { NODE_ENV: 'production' },
      /^persons cannot start: Set TONGXIN_SERVICE_SECRET \(32 bytes or more, not TONGXIN_JWT_SECRET\): the persons subgraph takes applyMembershipChanges from other subgraphs' service identity, signed with it\n$/,
    ],
    [{ NODE_ENV: 'production', TONGXIN_SERVICE_SECRET: 'x'.repeat(40) }, /^persons cannot start: In production set TONGXIN_DATA_KEY \(32 random bytes, base64\)/],
    [{ TONGXIN_DATA_KEY: 'c2hvcnQ=' }, /^persons cannot start: TONGXIN_DATA_KEY must be 32 random bytes in base64/],
    [
      { NODE_ENV: 'production', TONGXIN_DATA_KEY: process.env.TONGXIN_DATA_KEY! },
      /^persons cannot start: Set TONGXIN_SERVICE_SECRET \(32 bytes or more, not TONGXIN_JWT_SECRET\): the persons subgraph takes applyMembershipChanges from other subgraphs' service identity, signed with it\n$/,
    ],
    [{ TONGXIN_SERVICE_SECRET: 'short' }, /^persons cannot start: TONGXIN_SERVICE_SECRET must be at least 32 bytes long\n$/],
    [{ TONGXIN_SERVICE_SECRET: SECRET }, /^persons cannot start: TONGXIN_SERVICE_SECRET must differ from TONGXIN_JWT_SECRET/],
    [
      { SUBGRAPH_EXECUTOR: 'jit' },
      /^persons cannot start: SUBGRAPH_EXECUTOR is no longer read: subgraphs run their operations on Apollo Server's own graphql-js execution\. Remove it from the environment\n$/,
    ],
    [{ TONGXIN_SERVICE_TOKEN: 'a.b.c' }, /^persons cannot start: TONGXIN_SERVICE_TOKEN is no longer read: service calls are signed with their own key\. Remove it and set TONGXIN_SERVICE_SECRET\n$/],
    [
      { TONGXIN_JWT_MAX_LIFETIME: 'forever' },
      /^persons cannot start: TONGXIN_JWT_MAX_LIFETIME=forever is not a lifetime from 1m to 30d: write seconds \(86400\) or a number with s, m, h or d \(24h\)\n$/,
    ],
    [
      { TONGXIN_CLAIM_DISTRICT: 'my district' },
      /^persons cannot start: TONGXIN_CLAIM_DISTRICT=my district is not a claim name: write a name \(role\) or a dotted path into nested claims \(realm_access\.roles\), without spaces, empty parts or more than 200 characters\n$/,
    ],
    [
      { TONGXIN_CLAIM_ROLE: 'groups', TONGXIN_CLAIM_PERSON: 'groups' },
      /^persons cannot start: TONGXIN_CLAIM_ROLE and TONGXIN_CLAIM_PERSON both name the claim "groups": each needs a claim of its own\n$/,
    ],
    [
      { TONGXIN_ROLE_VALUES: 'admins=ADMIN' },
      /^persons cannot start: TONGXIN_ROLE_VALUES: "admins=ADMIN" is not value=ROLE with ROLE one of CITY_ADMIN, DISTRICT_ADMIN, ASSOCIATION_ADMIN, ANALYST, PERSON/,
    ],
  ])('main with %j exits with code 1 and one line saying why, no stack trace', async (extra, line) => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exit = jest.fn();
    try {
      await expect(runSubgraphMain(personsSubgraph, env(extra), exit)).resolves.toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(exit.mock.calls).toEqual([[1]]);
    expect(written.join('')).toMatch(line);
  });

  it("starts the organizations subgraph in production only with the service calls' key (it takes applyPersonDistricts with it)", async () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const exit = jest.fn();
    try {
      await expect(runSubgraphMain(organizationsSubgraph, env({ NODE_ENV: 'production', TONGXIN_DATA_KEY: process.env.TONGXIN_DATA_KEY! }), exit)).resolves.toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    expect(exit.mock.calls).toEqual([[1]]);
    expect(written.join('')).toBe(
      "organizations cannot start: Set TONGXIN_SERVICE_SECRET (32 bytes or more, not TONGXIN_JWT_SECRET): the organizations subgraph takes applyPersonDistricts from other subgraphs' service identity, signed with it\n",
    );
  });

  it('does not read LOADER_MAX_BATCH_SIZE when the modules are imported, but when loaders are built', () => {
    const before = process.env.LOADER_MAX_BATCH_SIZE;
    process.env.LOADER_MAX_BATCH_SIZE = 'lots';
    try {
      jest.isolateModules(() => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- jest.isolateModules needs a synchronous, fresh load of the module
        const common = require('../packages/common/src') as typeof import('@tongxin/common');
        expect(() =>
          common.rowLoader(
            async () => [],
            (r: { id: string }) => r.id,
          ),
        ).toThrow(/LOADER_MAX_BATCH_SIZE=lots/);
        process.env.LOADER_MAX_BATCH_SIZE = '3';
        expect(common.loaderMaxBatchSize()).toBe(3);
      });
    } finally {
      if (before === undefined) delete process.env.LOADER_MAX_BATCH_SIZE;
      else process.env.LOADER_MAX_BATCH_SIZE = before;
    }
  });
});

describe('TONGXIN_MIGRATE=false', () => {
  it('refuses to start on a database with pending migrations, saying to run them; starts once they ran', async () => {
    const db = freshDatabase();
    const log = createLogger('persons', 'silent');
    try {
      const refused = startSubgraph(personsSubgraph, { db: db.config, auth: TEST_AUTH, port: 0, log, migrate: false });
      await expect(refused).rejects.toBeInstanceOf(ConfigError);
      await expect(refused).rejects.toThrow(/has \d+ pending migration\(s\) \(Init\d+(, \w+)*\) and TONGXIN_MIGRATE=false: run them first/);

      // As the subgraph's main runs it: one line saying why, exit code 1.
      const dbEnv: Record<string, string> =
        db.config.type === 'sqlite' ? { TONGXIN_DATA_DIR: db.config.directory } : { ...process.env, TONGXIN_DB: 'mysql', MYSQL_DATABASE_PREFIX: db.config.databasePrefix };
      const written: string[] = [];
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
        written.push(String(chunk));
        return true;
      });
      const exit = jest.fn();
      try {
        const env = { ...dbEnv, TONGXIN_JWT_SECRET: SECRET, TONGXIN_MIGRATE: 'false', PORT: '0', LOG_LEVEL: 'silent' };
        await expect(runSubgraphMain(personsSubgraph, env, exit)).resolves.toBeUndefined();
      } finally {
        spy.mockRestore();
      }
      expect(exit.mock.calls).toEqual([[1]]);
      expect(written.join('')).toMatch(/^persons cannot start: .* has \d+ pending migration\(s\) \(Init\d+(, \w+)*\) and TONGXIN_MIGRATE=false: run them first.*\n$/);

      const migrating = await startSubgraph(personsSubgraph, { db: db.config, auth: TEST_AUTH, port: 0, log });
      await migrating.stop();
      const running = await startSubgraph(personsSubgraph, { db: db.config, auth: TEST_AUTH, port: 0, log, migrate: false });
      await running.stop();
    } finally {
      await db.drop([personsSubgraph.subgraph]);
    }
  });
});
