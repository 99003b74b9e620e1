import { createLogger, makeIdNumber, openDatabase, personalDataCipherFromEnv } from '@tongxin/common';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { personsSubgraph, PersonsServices, SEALED } from '@tongxin/persons';
import { freshDatabase } from '../../../test/harness/database';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The persons subgraph's outbox (docs/CROSS-DISTRICT.md): every registration and every district
 * change leaves an event in the same transaction; other changes leave none. (Delivery is tested
 * through the gateway in test/cross-district.test.ts.)
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id version } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id status version } } }`;

let seq = 0;
const form = (districtCode: string) => {
  seq += 1;
  return { name: '林晓', idNumber: makeIdNumber(districtCode, '1980-03-04', 100 + seq * 2), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode };
};

describe('the outbox of the persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  const events = async (personId: string) =>
    (await sg.running.dataSource.getRepository(OutboxEventEntity).find({ order: { id: 'ASC' } }))
      .map((e) => ({
        type: e.type,
        ...(JSON.parse(e.payload) as { personId: string; districtCode: string | null; status: string; version: number }),
        delivered: e.deliveredAt !== null,
      }))
      .filter((e) => e.personId === personId);

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('publishes a registration and each district change with the new version, and nothing for other changes', async () => {
    const person = expectData(await sg.request(REGISTER, { input: form('330302') })).registerPerson.person;
    expect(await events(person.id)).toEqual([{ type: 'PersonDistrictChanged', personId: person.id, districtCode: '330302', status: 'ACTIVE', version: 1, delivered: false }]);
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 1, employer: '某律师事务所' } }));
    expect(await events(person.id)).toHaveLength(1);
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 2, districtCode: '330303' } }));
    expect((await events(person.id)).map((e) => [e.districtCode, e.version])).toEqual([
      ['330302', 1],
      ['330303', 3],
    ]);
    // A change of status (moved away, and back) is published with the district it leaves the person in.
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 3, status: 'MOVED_AWAY' } }));
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 4, status: 'ACTIVE' } }));
    expect((await events(person.id)).map((e) => [e.districtCode, e.status, e.version])).toEqual([
      ['330302', 'ACTIVE', 1],
      ['330303', 'ACTIVE', 3],
      ['330303', 'MOVED_AWAY', 4],
      ['330303', 'ACTIVE', 5],
    ]);
    // With no organizations subgraph configured, nothing is delivered: events wait.
    expect(await sg.running.services.outbox.pending()).toBeGreaterThanOrEqual(2);
  });

  it('publishes an archived person as registered nowhere, once: a corrected district publishes nothing, archiving twice is CONFLICT', async () => {
    const person = expectData(await sg.request(REGISTER, { input: form('330302') })).registerPerson.person;
    const archived = expectData(await sg.request(ARCHIVE, { input: { id: person.id, expectedVersion: 1 } })).archivePerson.person;
    expect(archived).toEqual({ id: person.id, status: 'ARCHIVED', version: 2 });
    const published = [
      ['330302', 'ACTIVE', 1],
      [null, 'ARCHIVED', 2],
    ];
    expect((await events(person.id)).map((e) => [e.districtCode, e.status, e.version])).toEqual(published);

    // Correcting the district of an archived record changes the record, and publishes nothing:
    // published, it would count them again in the district.
    const corrected = expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 2, districtCode: '330381' } })).updatePerson.person;
    expect(corrected).toEqual({ id: person.id, version: 3 });
    expect((await events(person.id)).map((e) => [e.districtCode, e.status, e.version])).toEqual(published);

    // Archiving again is a CONFLICT that writes nothing: no event, no change, a FAILED audit event.
    const before = await sg.running.dataSource.query("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'archivePerson' AND outcome = 'FAILED'");
    const again = await sg.request(ARCHIVE, { input: { id: person.id, expectedVersion: 3 } });
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.message).toBe(`Person ${person.id} is archived already.`);
    expect(again.data?.archivePerson ?? null).toBeNull();
    expect((await events(person.id)).map((e) => [e.districtCode, e.status, e.version])).toEqual(published);
    expect(await sg.running.dataSource.query('SELECT status, version, district_code AS d FROM person WHERE id = ?', [person.id])).toEqual([{ status: 'ARCHIVED', version: 3, d: '330381' }]);
    const after = await sg.running.dataSource.query("SELECT COUNT(*) AS n FROM audit_event WHERE action = 'archivePerson' AND outcome = 'FAILED'");
    expect(Number(after[0].n)).toBe(Number(before[0].n) + 1);
  });

  it('writes no event for a refused or failed change', async () => {
    const before = await sg.running.services.outbox.pending();
    const bad = await sg.request(REGISTER, { input: { ...form('330302'), idNumber: '33030219800304' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const input = form('330302');
    expectData(await sg.request(REGISTER, { input }));
    const again = await sg.request(REGISTER, { input });
    expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await sg.running.services.outbox.pending()).toBe(before + 1);
  });
});

describe('the PublishExistingDistricts and PersonStatuses migrations', () => {
  it('publish every person registered before the outbox existed, then again with their status for both receivers', async () => {
    const db = freshDatabase();
    const log = createLogger('persons', 'silent');
    const migrations = personsSubgraph.migrations;
    const dialect = db.config.type;
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('PublishExistingDistricts'));
    expect(index).toBeGreaterThan(0);
    const id = (n: number) => `01900000-0000-7000-8000-00000000000${n}`;
    try {
      const before = await openDatabase(db.config, { ...personsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, index) } }, log);
      // Rows as the register stored them then (the later migrations decrypt ID numbers to remake the masks).
      const rows: Array<[number, string, string, number]> = [
        [2, '330324', 'ACTIVE', 4],
        [3, '330302', 'MOVED_AWAY', 2],
        [4, '330303', 'ARCHIVED', 3],
      ];
      for (const [n, district, status, version] of rows) {
        const idNumber = makeIdNumber('330302', '1975-05-06', 11 + n * 2);
        await before.dataSource.query(
          `INSERT INTO person (id, name, gender, birth_date, ethnicity, political_affiliation, category, district_code, id_number_enc, id_number_hash, id_number_masked, status, registered_on, version, returnee) VALUES (?, '旧', 'MALE', '1975-05-06', '汉族', 'MASSES', 'FREELANCER', ?, ?, ?, ?, ?, '2020-01-01', ?, 0)`,
          [id(n), district, personalDataCipherFromEnv(process.env).encrypt(idNumber, SEALED.idNumber), `h${n}`, `330302********${idNumber.slice(14)}`, status, version],
        );
      }
      await before.close();
      const after = await openDatabase(db.config, personsSubgraph, log);
      const events = await after.dataSource.getRepository(OutboxEventEntity).find({ order: { id: 'ASC' } });
      // Published then for organizations (a district, no status); published again with the status,
      // for both receivers (an archived person as registered nowhere). The first owe evaluation nothing.
      expect(events.map((r) => [JSON.parse(r.payload), r.deliveredAt, r.evaluationDeliveredAt === null])).toEqual([
        [{ personId: id(2), districtCode: '330324', version: 4 }, null, false],
        [{ personId: id(3), districtCode: '330302', version: 2 }, null, false],
        [{ personId: id(4), districtCode: '330303', version: 3 }, null, false],
        [{ personId: id(2), districtCode: '330324', status: 'ACTIVE', version: 4 }, null, true],
        [{ personId: id(3), districtCode: '330302', status: 'MOVED_AWAY', version: 2 }, null, true],
        [{ personId: id(4), districtCode: null, status: 'ARCHIVED', version: 3 }, null, true],
      ]);
      await after.close();
    } finally {
      await db.drop(['persons']);
    }
  });
});
