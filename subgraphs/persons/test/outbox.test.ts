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

let seq = 0;
const form = (districtCode: string) => {
  seq += 1;
  return { name: '林晓', idNumber: makeIdNumber(districtCode, '1980-03-04', 100 + seq * 2), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode };
};

describe('the outbox of the persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  const events = async (personId: string) =>
    (await sg.running.dataSource.getRepository(OutboxEventEntity).find({ order: { id: 'ASC' } }))
      .map((e) => ({ type: e.type, ...(JSON.parse(e.payload) as { personId: string; districtCode: string; version: number }), delivered: e.deliveredAt !== null }))
      .filter((e) => e.personId === personId);

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('publishes a registration and each district change with the new version, and nothing for other changes', async () => {
    const person = expectData(await sg.request(REGISTER, { input: form('330302') })).registerPerson.person;
    expect(await events(person.id)).toEqual([{ type: 'PersonDistrictChanged', personId: person.id, districtCode: '330302', version: 1, delivered: false }]);
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 1, employer: '某律师事务所' } }));
    expect(await events(person.id)).toHaveLength(1);
    expectData(await sg.request(UPDATE, { input: { id: person.id, expectedVersion: 2, districtCode: '330303' } }));
    expect((await events(person.id)).map((e) => [e.districtCode, e.version])).toEqual([
      ['330302', 1],
      ['330303', 3],
    ]);
    // With no organizations subgraph configured, nothing is delivered: events wait.
    expect(await sg.running.services.outbox.pending()).toBeGreaterThanOrEqual(2);
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

describe('the PublishExistingDistricts migration', () => {
  it('publishes every person registered before the outbox existed', async () => {
    const db = freshDatabase();
    const log = createLogger('persons', 'silent');
    const migrations = personsSubgraph.migrations;
    const dialect = db.config.type;
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('PublishExistingDistricts'));
    expect(index).toBeGreaterThan(0);
    try {
      const before = await openDatabase(db.config, { ...personsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, index) } }, log);
      // A row as the register stored it then (the later migrations decrypt its ID number to remake the mask).
      const idNumber = makeIdNumber('330302', '1975-05-06', 11);
      await before.dataSource.query(
        "INSERT INTO person (id, name, gender, birth_date, ethnicity, political_affiliation, category, district_code, id_number_enc, id_number_hash, id_number_masked, status, registered_on, version, returnee) VALUES ('01900000-0000-7000-8000-000000000002', '旧', 'MALE', '1975-05-06', '汉族', 'MASSES', 'FREELANCER', '330324', ?, 'h', ?, 'ACTIVE', '2020-01-01', 4, 0)",
        [personalDataCipherFromEnv(process.env).encrypt(idNumber, SEALED.idNumber), `330302********${idNumber.slice(14)}`],
      );
      await before.close();
      const after = await openDatabase(db.config, personsSubgraph, log);
      const rows = await after.dataSource.getRepository(OutboxEventEntity).find();
      expect(rows.map((r) => JSON.parse(r.payload))).toEqual([{ personId: '01900000-0000-7000-8000-000000000002', districtCode: '330324', version: 4 }]);
      expect(rows[0]!.deliveredAt).toBeNull();
      await after.close();
    } finally {
      await db.drop(['persons']);
    }
  });
});
