import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ConfigError, createLogger, makeIdNumber, openDatabase, PersonalDataCipher, personalDataCipherFromEnv, Role } from '@tongxin/common';
import { personsSubgraph, PersonsServices, SEALED } from '@tongxin/persons';
import { tokenFor } from '../../../test/harness/auth';
import { freshDatabase } from '../../../test/harness/database';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * ID and mobile numbers (PIPL sensitive personal information): stored encrypted with a keyed
 * hash, shown masked to every role, read in full only through the audited idNumberFull and
 * mobileFull by the roles that may, and migrated from plain columns by a reversible migration.
 */

const OWN = '330302';
const OTHER = '330303';
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const MASKED = `query($id: ID!) { person(id: $id) { idNumber mobile } }`;
const FULL = `query($id: ID!) { person(id: $id) { idNumberFull mobileFull } }`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1000) { edges { node { action outcome entityId subject role detail } } } }`;

let seq = 0;
const form = (districtCode: string, mobile: string | null = '13812345678') => {
  seq += 1;
  return {
    name: '林晓',
    idNumber: makeIdNumber(districtCode, '1980-03-04', 300 + seq * 2),
    mobile,
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode,
  };
};
/** The mask every role sees: the province only (docs/SECURITY.md, "How much a mask may show"). */
const masked = (id: string) => `${id.slice(0, 2)}${'*'.repeat(16)}`;

describe('personal data in the persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  let own: { id: string; idNumber: string };
  let other: { id: string; idNumber: string };
  const headers: Record<string, Record<string, string>> = {};

  const register = async (input: ReturnType<typeof form>) => ({ id: expectData(await sg.request(REGISTER, { input })).registerPerson.person.id as string, idNumber: input.idNumber });
  const events = async (f: Record<string, unknown>) => expectData(await sg.request(AUDIT, { f: { subgraph: 'persons', ...f } })).auditEvents.edges.map((e: { node: unknown }) => e.node);

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    own = await register(form(OWN));
    other = await register(form(OTHER, null));
    const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
    headers.city = await bearer({ role: Role.CITY_ADMIN });
    headers.district = await bearer({ role: Role.DISTRICT_ADMIN, district: OWN });
    headers.analyst = await bearer({ role: Role.ANALYST });
    headers.person = await bearer({ role: Role.PERSON, person: own.id });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('stores no ID or mobile number in plain: ciphertext, a keyed hash and the masked form', async () => {
    const [row] = await sg.running.dataSource.query('SELECT * FROM person WHERE id = ?', [own.id]);
    const stored = JSON.stringify(row);
    expect(stored).not.toContain(own.idNumber);
    expect(stored).not.toContain('13812345678');
    // Not even the birth date (the number's characters 7-14), in any spelling: it is encrypted beside its year.
    for (const birth of ['19800304', '1980-03-04', '1980/03/04', '0304']) expect(stored).not.toContain(birth);
    expect(row.birth_date).toBeUndefined();
    expect(Number(row.birth_year)).toBe(1980);
    expect(row.id_number_enc).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(row.id_number_masked).toBe(masked(own.idNumber));
    expect(row.id_number_masked).toBe('33****************');
    expect(row.mobile_masked).toBe('138******78');
    const cipher = personalDataCipherFromEnv(process.env);
    expect(cipher.decrypt(row.id_number_enc, SEALED.idNumber)).toBe(own.idNumber);
    expect(cipher.decrypt(row.birth_date_enc, SEALED.birthDate)).toBe('1980-03-04');
    expect(() => cipher.decrypt(row.birth_date_enc, SEALED.idNumber)).toThrow();
    expect(row.id_number_hash).toBe(cipher.hash(own.idNumber));
    // The same number encrypts differently each time (a fresh IV); the hash is stable.
    expect(cipher.encrypt(own.idNumber, SEALED.idNumber)).not.toBe(cipher.encrypt(own.idNumber, SEALED.idNumber));
  });

  it('refuses a value encrypted with another key or altered', () => {
    const cipher = personalDataCipherFromEnv(process.env);
    const stored = cipher.encrypt('330302198003040011', SEALED.idNumber);
    expect(cipher.decrypt(stored, SEALED.idNumber)).toBe('330302198003040011');
    expect(() => new PersonalDataCipher(Buffer.alloc(32, 7)).decrypt(stored, SEALED.idNumber)).toThrow();
    // Moved into another column, it does not decrypt.
    expect(() => cipher.decrypt(stored, SEALED.mobile)).toThrow();
    const [v, iv, tag, data] = stored.split(':');
    const flipped = `${data![0] === 'A' ? 'B' : 'A'}${data!.slice(1)}`;
    expect(() => cipher.decrypt([v, iv, tag, flipped].join(':'), SEALED.idNumber)).toThrow();
    // A shortened authentication tag is refused (GCM would otherwise check only what is left).
    const short = Buffer.from(tag!, 'base64url').subarray(0, 8).toString('base64url');
    expect(() => cipher.decrypt([v, iv, short, data].join(':'), SEALED.idNumber)).toThrow('Not an encrypted value of this platform');
  });

  it.each(['city', 'district', 'analyst', 'person'])('shows %s the numbers masked', async (caller) => {
    const person = expectData(await sg.request(MASKED, { id: own.id }, headers[caller])).person;
    expect(person).toEqual({ idNumber: masked(own.idNumber), mobile: '138******78' });
  });

  it.each([
    ['city', 'own', true],
    ['city', 'other', true],
    ['district', 'own', true],
    ['analyst', 'own', false],
    ['person', 'own', true],
  ] as const)('%s reads the full numbers of the %s person: %s, and every read is audited', async (caller, whose, allowed) => {
    const target = whose === 'own' ? own : other;
    const before = {
      ok: (await events({ action: 'readIdNumber', outcome: 'SUCCEEDED', entityId: target.id })).length,
      refused: (await events({ action: 'readIdNumber', outcome: 'REFUSED', entityId: target.id })).length,
    };
    const res = await sg.request(FULL, { id: target.id }, headers[caller]);
    if (allowed) {
      expect(res.errors).toBeUndefined();
      expect(res.data!.person).toEqual({ idNumberFull: target.idNumber, mobileFull: whose === 'own' ? '13812345678' : null });
    } else {
      expect(res.data!.person).toEqual({ idNumberFull: null, mobileFull: null });
      expect(res.errors!.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
        ['person.idNumberFull', 'FORBIDDEN'],
        ['person.mobileFull', 'FORBIDDEN'],
      ]);
      expect(res.errors![0]!.message).toBe('An analyst may see the ID number of this person only masked.');
    }
    const after = {
      ok: (await events({ action: 'readIdNumber', outcome: 'SUCCEEDED', entityId: target.id })).length,
      refused: (await events({ action: 'readIdNumber', outcome: 'REFUSED', entityId: target.id })).length,
    };
    expect(after).toEqual(allowed ? { ok: before.ok + 1, refused: before.refused } : { ok: before.ok, refused: before.refused + 1 });
    const [latest] = await events({ action: 'readIdNumber', entityId: target.id });
    expect(latest).toMatchObject({ subject: `test-${Role[caller === 'city' ? 'CITY_ADMIN' : caller === 'district' ? 'DISTRICT_ADMIN' : caller === 'analyst' ? 'ANALYST' : 'PERSON'].toLowerCase()}` });
  });

  it('refuses a district administrator the full numbers of another district (they cannot read the record at all)', async () => {
    const res = await sg.request(FULL, { id: other.id }, headers.district);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.data!.person).toBeNull();
  });

  it('reads the full numbers of a whole page in a fixed number of statements (one audit write for the page)', async () => {
    for (let i = 0; i < 20; i++) await register(form(OWN));
    const page = (first: number) => sg.statements(() => sg.request(`query($first: Int) { persons(first: $first) { edges { node { idNumberFull } } } }`, { first }));
    const few = await page(3);
    const many = await page(20);
    expect(many.result.data!.persons.edges.every((e: any) => /^\d{17}[\dX]$/.test(e.node.idNumberFull))).toBe(true);
    expect(many.statements).toBe(few.statements);
  });

  it('finds a person by the whole ID or mobile number, through the keyed hash', async () => {
    const found = async (text: string) =>
      expectData(await sg.request(`query($f: PersonFilter) { persons(filter: $f) { edges { node { id } } } }`, { f: { text } })).persons.edges.map((e: any) => e.node.id);
    expect(await found(own.idNumber)).toEqual([own.id]);
    expect(await found(own.idNumber.toLowerCase())).toEqual([own.id]);
    expect((await found('13812345678')).includes(own.id)).toBe(true);
    expect((await found('13812345678')).includes(other.id)).toBe(false);
  });

  it('shows the full birth date only to those who may see the full ID number; everyone sees the birth year', async () => {
    const query = `query($id: ID!) { person(id: $id) { birthYear birthDate } }`;
    for (const caller of ['city', 'district', 'person']) {
      expect(expectData(await sg.request(query, { id: own.id }, headers[caller])).person).toEqual({ birthYear: 1980, birthDate: '1980-03-04' });
    }
    const analyst = await sg.request(query, { id: own.id }, headers.analyst);
    expect(analyst.data!.person).toEqual({ birthYear: 1980, birthDate: null });
    expect(analyst.errors!.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['person.birthDate', 'FORBIDDEN']]);
  });

  it('lets only administrators search by a whole ID or mobile number, and audits each search', async () => {
    const search = (text: string, caller: string) => sg.request(`query($f: PersonFilter) { persons(filter: $f) { edges { node { id } } } }`, { f: { text } }, headers[caller]);
    const refused = await search(own.idNumber, 'analyst');
    expect(refused.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(refused.errors![0]!.message).toBe('An analyst cannot search the register by ID or mobile number: search by name or employer.');
    expect((await search('13812345678', 'analyst')).errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(expectData(await search('林晓', 'analyst')).persons.edges.length).toBeGreaterThan(0);

    const before = (await events({ action: 'searchIdNumber', entityId: own.id })).length;
    expect(expectData(await search(own.idNumber, 'district')).persons.edges).toEqual([{ node: { id: own.id } }]);
    const after = await events({ action: 'searchIdNumber', entityId: own.id });
    expect(after).toHaveLength(before + 1);
    expect(after[0]).toMatchObject({ outcome: 'SUCCEEDED', role: 'DISTRICT_ADMIN', detail: '1 found' });
  });

  it('records a refusal whatever id the caller sent: an overlong one in the detail, an upper-case one as the record id', async () => {
    const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`;
    const long = `${own.id}-${'x'.repeat(60)}`;
    const res = await sg.request(UPDATE, { input: { id: long, expectedVersion: 1, employer: '某公司' } }, headers.analyst);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const [latest] = await events({ action: 'updatePerson', outcome: 'REFUSED' });
    expect(latest).toMatchObject({ entityId: null, role: 'ANALYST' });
    expect(latest.detail).toContain(`entity id given: "${long.slice(0, 20)}`);

    await sg.request(UPDATE, { input: { id: own.id.toUpperCase(), expectedVersion: 1, employer: '某公司' } }, headers.analyst);
    const byRecord = await events({ action: 'updatePerson', outcome: 'REFUSED', entityId: own.id });
    expect(byRecord.length).toBeGreaterThan(0);
  });

  it("does not name another district's record's district in a refusal", async () => {
    const res = await sg.request(`query($id: ID!) { person(id: $id) { name } }`, { id: other.id }, headers.district);
    expect(res.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) can read only records of their own district.');
    const update = await sg.request(
      `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`,
      { input: { id: other.id, expectedVersion: 1, employer: '某公司' } },
      headers.district,
    );
    expect(update.errors![0]!.message).toBe('A district administrator of 鹿城区 (330302) can change only records of their own district.');
  });

  it('records a failed registration by the fields it named, with no part of the number, mobile or birth date it sent', async () => {
    const idNumber = makeIdNumber(OWN, '1977-09-13', 515);
    const wrongCheck = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    const sent = [
      { ...form(OWN), idNumber, birthDate: '1977-09-14', mobile: '1391234567' },
      { ...form(OWN), idNumber: wrongCheck, mobile: '13912345678x' },
      { ...form(OWN), idNumber: `${idNumber.slice(0, 6)}19771332${idNumber.slice(14)}` },
    ];
    for (const input of sent) {
      const res = await sg.request(REGISTER, { input });
      expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      const [latest] = await events({ action: 'registerPerson', outcome: 'FAILED' });
      expect(latest.detail).toMatch(/^BAD_USER_INPUT: invalid input\.\w+/);
      for (const part of ['1977', '0913', '0914', '1332', '19771332', idNumber.slice(14), '1391234567', '4567']) expect(latest.detail).not.toContain(part);
    }
  });

  it('refuses a second registration of the same ID number (the unique hash)', async () => {
    const again = await sg.request(REGISTER, { input: { ...form(OWN), idNumber: own.idNumber } });
    expect(again.errors!.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
  });
});

describe('the personal-data key', () => {
  it('is made once, private, beside the databases when none is configured (not in production)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-key-'));
    try {
      const first = personalDataCipherFromEnv({ TONGXIN_DATA_DIR: dir });
      const file = path.join(dir, 'data-key');
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(fs.readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
      // A second service (or start) reads the same key: what one encrypts, the other decrypts.
      expect(personalDataCipherFromEnv({ TONGXIN_DATA_DIR: dir }).decrypt(first.encrypt('13812345678', SEALED.mobile), SEALED.mobile)).toBe('13812345678');
      expect(() => personalDataCipherFromEnv({ TONGXIN_DATA_DIR: dir, NODE_ENV: 'production' })).toThrow(ConfigError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the EncryptPersonalData migration', () => {
  it('encrypts the plain numbers of existing rows, and its down restores them', async () => {
    const db = freshDatabase();
    const log = createLogger('persons', 'silent');
    const migrations = personsSubgraph.migrations;
    const dialect = db.config.type;
    const upTo = (n: number) => ({ ...personsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, n) } });
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('EncryptPersonalData'));
    expect(index).toBeGreaterThan(0);
    const idNumber = makeIdNumber(OWN, '1975-05-06', 11);
    try {
      const before = await openDatabase(db.config, upTo(index), log);
      await before.dataSource.query(
        "INSERT INTO person (id, name, gender, birth_date, ethnicity, political_affiliation, category, district_code, id_number, mobile, status, registered_on, version, returnee) VALUES ('01900000-0000-7000-8000-000000000001', '旧', 'MALE', '1975-05-06', '汉族', 'MASSES', 'FREELANCER', '330302', ?, '13900001111', 'ACTIVE', '2020-01-01', 1, 0)",
        [idNumber],
      );
      await before.close();

      const after = await openDatabase(db.config, personsSubgraph, log);
      const [row] = await after.dataSource.query('SELECT * FROM person');
      const cipher = personalDataCipherFromEnv(process.env);
      expect(row.id_number).toBeUndefined();
      expect(cipher.decrypt(row.id_number_enc, SEALED.idNumber)).toBe(idNumber);
      expect(row.id_number_hash).toBe(cipher.hash(idNumber));
      expect(row.id_number_masked).toBe(masked(idNumber));
      expect(cipher.decrypt(row.mobile_enc, SEALED.mobile)).toBe('13900001111');
      expect(row.mobile_masked).toBe('139******11');

      // Undo the later migrations too, then this one.
      for (let i = index; i < migrations[dialect].length; i++) await after.dataSource.undoLastMigration({ transaction: 'each' });
      const [restored] = await after.dataSource.query('SELECT * FROM person');
      expect(restored).toMatchObject({ id_number: idNumber, mobile: '13900001111' });
      expect(restored.id_number_enc).toBeUndefined();
      await after.close();
    } finally {
      await db.drop(['persons']);
    }
  });
});

describe('the ProtectBirthDate migration', () => {
  it('encrypts the plain birth date beside its year and remakes the masks; its down restores the plain date and the old masks', async () => {
    const db = freshDatabase();
    const log = createLogger('persons', 'silent');
    const migrations = personsSubgraph.migrations;
    const dialect = db.config.type;
    const upTo = (n: number) => ({ ...personsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, n) } });
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('ProtectBirthDate'));
    expect(index).toBeGreaterThan(0);
    const cipher = personalDataCipherFromEnv(process.env);
    const idNumber = makeIdNumber('110101', '1968-12-31', 22);
    const oldMask = `110101********${idNumber.slice(14)}`;
    try {
      const before = await openDatabase(db.config, upTo(index), log);
      await before.dataSource.query(
        "INSERT INTO person (id, name, gender, birth_date, ethnicity, political_affiliation, category, district_code, id_number_enc, id_number_hash, id_number_masked, mobile_enc, mobile_hash, mobile_masked, status, registered_on, version, returnee) VALUES ('01900000-0000-7000-8000-000000000003', '旧', 'FEMALE', '1968-12-31', '汉族', 'MASSES', 'FREELANCER', '330302', ?, ?, ?, ?, ?, '139****1111', 'ACTIVE', '2020-01-01', 1, 0)",
        [cipher.encrypt(idNumber, SEALED.idNumber), cipher.hash(idNumber), oldMask, cipher.encrypt('13900001111', SEALED.mobile), cipher.hash('13900001111')],
      );
      await before.close();

      const after = await openDatabase(db.config, personsSubgraph, log);
      const [row] = await after.dataSource.query('SELECT * FROM person');
      expect(row.birth_date).toBeUndefined();
      expect(cipher.decrypt(row.birth_date_enc, SEALED.birthDate)).toBe('1968-12-31');
      expect(Number(row.birth_year)).toBe(1968);
      expect(row).toMatchObject({ id_number_masked: '11****************', mobile_masked: '139******11' });
      for (const birth of ['19681231', '1968-12-31', '1231']) expect(JSON.stringify(row)).not.toContain(birth);

      for (let i = index; i < migrations[dialect].length; i++) await after.dataSource.undoLastMigration({ transaction: 'each' });
      const [restored] = await after.dataSource.query('SELECT * FROM person');
      expect(String(restored.birth_date).slice(0, 10)).toBe('1968-12-31');
      expect(restored).toMatchObject({ id_number_masked: oldMask, mobile_masked: '139****1111' });
      expect(restored.birth_date_enc).toBeUndefined();
      expect(restored.birth_year).toBeUndefined();
      await after.close();
    } finally {
      await db.drop(['persons']);
    }
  });
});
