import { ConfigError, createLogger, MysqlConfig, openDatabase, startSubgraph } from '@tongxin/common';
import { personsSubgraph } from '@tongxin/persons';
import { grantRuntimeUsers, runtimeUsersFromEnv } from '../packages/platform/src/db-users';
import { SUBGRAPHS } from '../packages/platform/src/subgraphs';
import { cityAdminHeaders, TEST_AUTH } from './harness/auth';
import { freshDatabase } from './harness/database';
import { expectData, postGraphQL } from './harness/graphql-client';

/**
 * Each subgraph runs as a least-privileged MySQL account of its own (issue 14 §5, docs/SECURITY.md
 * "Database accounts"): `npm run migrate -- --grant` migrates as an administrator, then grants each
 * subgraph's account the rows of its own tables and nothing more; on the audit log only INSERT and
 * SELECT; on the tallies only SELECT (their triggers count as the account that migrated). MariaDB
 * only: SQLite files have no accounts.
 */
const onMysql = process.env.TEST_DB === 'mysql';

describe('the subgraphs’ database accounts', () => {
  it('need a password of 16 characters or more for every subgraph, and names made of letters, digits and _', () => {
    const env: Record<string, string> = Object.fromEntries(SUBGRAPHS.map((s) => [`TONGXIN_${s.subgraph.toUpperCase()}_DB_PASSWORD`, 'a-long-enough-password']));
    expect(runtimeUsersFromEnv(env).map((u) => [u.user, u.host])).toEqual(SUBGRAPHS.map((s) => [`tongxin_${s.subgraph}`, '%']));
    expect(() => runtimeUsersFromEnv({ ...env, TONGXIN_PERSONS_DB_PASSWORD: 'short' })).toThrow(ConfigError);
    expect(() => runtimeUsersFromEnv({ ...env, TONGXIN_EVALUATION_DB_PASSWORD: undefined } as never)).toThrow(/TONGXIN_EVALUATION_DB_PASSWORD/);
    expect(() => runtimeUsersFromEnv({ ...env, TONGXIN_PERSONS_DB_USER: "x'; DROP USER root; --" })).toThrow(ConfigError);
  });

  (onMysql ? it : it.skip)('let a subgraph run as its own account, which cannot rewrite the audit log, change the schema or read another subgraph', async () => {
    const db = freshDatabase();
    const admin = db.config as MysqlConfig;
    const log = createLogger('db-users', 'silent');
    const tag = `txu${process.pid % 100000}`;
    const env: Record<string, string> = {};
    for (const s of SUBGRAPHS) {
      env[`TONGXIN_${s.subgraph.toUpperCase()}_DB_USER`] = `${tag}_${s.subgraph}`.slice(0, 32);
      env[`TONGXIN_${s.subgraph.toUpperCase()}_DB_PASSWORD`] = `pw-${s.subgraph}-0123456789abcdef`;
    }
    const users = runtimeUsersFromEnv(env);
    const mysql = await import('mysql2/promise');
    const dropUsers = async () => {
      const root = await mysql.createConnection({ host: admin.host, port: admin.port, user: admin.user, password: admin.password });
      for (const u of users) await root.query('DROP USER IF EXISTS ?@?', [u.user, u.host]);
      await root.end();
    };
    try {
      for (const def of SUBGRAPHS) await (await openDatabase(admin, def, log)).close();
      const granted = await grantRuntimeUsers(admin, users);
      expect(granted.map((g) => g.subgraph)).toEqual(SUBGRAPHS.map((s) => s.subgraph));

      const persons = users.find((u) => u.subgraph === 'persons')!;
      const running = await startSubgraph(personsSubgraph, {
        db: { ...admin, user: persons.user, password: persons.password },
        auth: TEST_AUTH,
        port: 0,
        log,
        peerUrls: {},
        migrate: false,
        env: { ...process.env, TONGXIN_MIGRATE: 'false' },
      });
      try {
        const registered = expectData(
          await postGraphQL(
            running.url,
            `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
            { input: { name: '最小权限', idNumber: '330302198607211034', politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' } },
            await cityAdminHeaders(),
          ),
        );
        expect(registered.registerPerson.person.id).toBeDefined();
        const audit = expectData(
          await postGraphQL(running.url, `{ auditEvents(filter: { subgraph: "persons", action: "registerPerson" }, first: 5) { edges { node { outcome } } } }`, {}, await cityAdminHeaders()),
        );
        expect(audit.auditEvents.edges).toEqual([{ node: { outcome: 'SUCCEEDED' } }]);
      } finally {
        await running.stop();
      }

      const conn = await mysql.createConnection({ host: admin.host, port: admin.port, user: persons.user, password: persons.password, database: `${admin.databasePrefix}persons` });
      try {
        const refused = async (sql: string) => {
          const error = await conn.query(sql).then(
            () => null,
            (e: { code?: string }) => e,
          );
          expect({ sql, code: error?.code }).toEqual({ sql, code: expect.stringMatching(/^ER_(TABLEACCESS_DENIED_ERROR|DBACCESS_DENIED_ERROR|SPECIFIC_ACCESS_DENIED_ERROR|ACCESS_DENIED_ERROR)$/) });
        };
        expect(((await conn.query('SELECT COUNT(*) AS n FROM audit_event'))[0] as { n: number }[])[0]!.n).toBeGreaterThan(0);
        await refused("UPDATE audit_event SET detail = 'rewritten'");
        await refused('DELETE FROM audit_event');
        await refused('TRUNCATE TABLE audit_event');
        await refused('DROP TABLE person');
        await refused('ALTER TABLE person ADD COLUMN x int');
        await refused('CREATE TABLE scratch (x int)');
        await refused(`SELECT * FROM \`${admin.databasePrefix}organizations\`.organization`);
        await refused(`CREATE DATABASE \`${admin.databasePrefix}other\``);
        // A tally is counted by its triggers (as the account that migrated), never written by the service.
        await refused('UPDATE person_tally SET n = n + 1');
        await refused('DELETE FROM person_tally');
        const tallied = ((await conn.query("SELECT SUM(n) AS n FROM person_tally WHERE facet = 'RETURNEE' AND status = 'ACTIVE'"))[0] as { n: unknown }[])[0]!.n;
        expect(Number(tallied)).toBe(1);
        // The rows of its own tables are its to change; the triggers follow.
        await conn.query("UPDATE person SET status = 'MOVED_AWAY'");
        const moved = ((await conn.query("SELECT SUM(n) AS n FROM person_tally WHERE facet = 'RETURNEE' AND status = 'MOVED_AWAY'"))[0] as { n: unknown }[])[0]!.n;
        expect(Number(moved)).toBe(1);
      } finally {
        await conn.end();
      }
    } finally {
      await dropUsers();
      await db.drop(SUBGRAPHS.map((s) => s.subgraph));
    }
  });
});
