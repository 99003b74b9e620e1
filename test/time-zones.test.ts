import { databaseConfigFromEnv, makeIdNumber, MysqlConfig, systemContext } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { expectData } from './harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from './harness/subgraph';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id birthDate registeredOn createdAt updatedAt } } }`;
const READ = `query($id: ID!) { person(id: $id) { birthDate registeredOn createdAt updatedAt } }`;
const onMysql = process.env.TEST_DB === 'mysql';

const form = (birthDate: string, sequence: number) => ({
  name: '郑远',
  idNumber: makeIdNumber('330302', birthDate, sequence),
  politicalAffiliation: 'NON_PARTY',
  category: 'FREELANCER',
  districtCode: '330302',
  registeredOn: '2024-01-01',
});

/** True when `iso` lies within two minutes of now: a stamp off by a zone's offset is hours away. */
const isNow = (iso: string): boolean => Math.abs(new Date(iso).getTime() - Date.now()) < 120_000;

describe('time zones: neither the process nor the database session zone shifts dates', () => {
  const started: TestSubgraph<PersonsServices>[] = [];
  const start = async (): Promise<TestSubgraph<PersonsServices>> => {
    const sg = await startTestSubgraph(personsSubgraph);
    started.push(sg);
    return sg;
  };
  afterEach(async () => {
    for (const sg of started.splice(0)) await sg.stop();
  });

  // Run the suite with TZ=America/New_York or TZ=Asia/Shanghai too: jest gives each test file
  // a copy of process.env, so a test cannot move its own process to another zone.
  it('reads calendar dates back as written and stamps rows with the current instant', async () => {
    const sg = await start();
    const { person } = expectData(await sg.request(REGISTER, { input: form('1986-07-21', 11) })).registerPerson;
    expect(person).toMatchObject({ birthDate: '1986-07-21', registeredOn: '2024-01-01' });
    expect(expectData(await sg.request(READ, { id: person.id })).person).toMatchObject({ birthDate: '1986-07-21', registeredOn: '2024-01-01' });
    const entity = await sg.running.services.persons.getById(systemContext(), person.id);
    expect([sg.running.services.persons.birthDateOf(entity), entity.registeredOn]).toEqual(['1986-07-21', '2024-01-01']);
    expect(isNow(person.createdAt)).toBe(true);
    expect(isNow(person.updatedAt)).toBe(true);
  });

  (onMysql ? it : it.skip)('gets DATE columns from the driver as their text, never as a Date in the process zone (MySQL)', async () => {
    const sg = await start();
    const { person } = expectData(await sg.request(REGISTER, { input: form('1990-12-31', 15) })).registerPerson;
    // A JS Date here would turn into the day before west of UTC (TZ=America/New_York).
    // (The birth date is stored encrypted; the registration date is a DATE column.)
    expect(await sg.running.dataSource.query('SELECT registered_on AS r FROM person WHERE id = ?', [person.id])).toEqual([{ r: '2024-01-01' }]);
    expect(expectData(await sg.request(`query($id: ID!) { person(id: $id) { birthDate } }`, { id: person.id })).person.birthDate).toBe('1990-12-31');
  });

  (onMysql ? it : it.skip)('keeps created_at and updated_at in UTC when the server runs its sessions at +08:00 (MySQL)', async () => {
    const mysql = await import('mysql2/promise');
    const config = databaseConfigFromEnv({ ...process.env, TONGXIN_DB: 'mysql' }) as MysqlConfig;
    const admin = await mysql.createConnection({ host: config.host, port: config.port, user: config.user, password: config.password });
    try {
      const [rows] = await admin.query('SELECT @@global.time_zone AS tz');
      const globalZone = String((rows as Array<{ tz: string }>)[0]!.tz);
      // New sessions start in the global zone: open the subgraph, and every connection of its
      // pool, while it is +08:00, then put it back at once.
      let sg: TestSubgraph<PersonsServices>;
      await admin.query(`SET GLOBAL time_zone = '+08:00'`);
      try {
        sg = await start();
        await Promise.all(Array.from({ length: 5 }, () => sg.running.dataSource.query('SELECT SLEEP(0.1)')));
      } finally {
        await admin.query('SET GLOBAL time_zone = ?', [globalZone]);
      }
      const zones: Array<Array<{ tz: string }>> = await Promise.all(Array.from({ length: 5 }, () => sg.running.dataSource.query('SELECT @@session.time_zone AS tz, SLEEP(0.05) AS s')));
      expect(new Set(zones.map((r) => r[0]!.tz))).toEqual(new Set(['+00:00']));

      const { person } = expectData(await sg.request(REGISTER, { input: form('1990-12-31', 13) })).registerPerson;
      expect(isNow(person.createdAt)).toBe(true);
      expect(isNow(person.updatedAt)).toBe(true);
      const stored: Array<{ c: Date }> = await sg.running.dataSource.query('SELECT created_at AS c FROM person WHERE id = ?', [person.id]);
      expect(isNow(stored[0]!.c.toISOString())).toBe(true);
    } finally {
      await admin.end();
    }
  });
});
