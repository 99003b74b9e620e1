import { makeIdNumber } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { errorCodes, expectData, GraphQLResponse } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const FIELDS = `id name gender birthDate idNumber: idNumberFull ethnicity politicalAffiliation education category profession employer position
  returnee returneeCountry district { code } street { code } community mobile: mobileFull status registeredOn version`;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { ${FIELDS} } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { ${FIELDS} } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { status version } } }`;
const READ = `query($id: ID!) { person(id: $id) { ${FIELDS} } }`;

let seq = 300;
function form(overrides: Record<string, unknown> = {}) {
  seq += 2;
  return {
    name: '周敏',
    idNumber: makeIdNumber('330302', '1986-07-21', seq + 1),
    ethnicity: '回族',
    politicalAffiliation: 'CDL',
    education: 'MASTER',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    employer: '温州律师事务所',
    position: '合伙人',
    districtCode: '330302',
    streetCode: '330302006',
    community: '松台社区',
    mobile: '13800000000',
    ...overrides,
  };
}

const fieldsOf = (res: GraphQLResponse): Array<{ field: string; message: string }> => res.errors?.[0]?.extensions?.fields ?? [];

describe('persons subgraph: updatePerson', () => {
  let sg: TestSubgraph<PersonsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const register = async (overrides: Record<string, unknown> = {}) => expectData(await sg.request(REGISTER, { input: form(overrides) })).registerPerson.person;
  const read = async (id: string) => expectData(await sg.request(READ, { id })).person;

  it.each(['name', 'idNumber', 'gender', 'birthDate', 'ethnicity', 'politicalAffiliation', 'category', 'districtCode', 'returnee', 'status'])(
    'refuses null for the required field %s with BAD_USER_INPUT "is required", changing nothing',
    async (field) => {
      const before = await register();
      const res = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 1, [field]: null } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(fieldsOf(res)).toEqual([{ field: `input.${field}`, message: expect.stringMatching(/^is required/) }]);
      expect(await read(before.id)).toEqual(before);
    },
  );

  it('names every required field sent as null at once', async () => {
    const before = await register();
    const res = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 1, ethnicity: null, category: null, employer: null } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res).map((f) => f.field)).toEqual(['input.ethnicity', 'input.category']);
    expect((await read(before.id)).ethnicity).toBe('回族');
  });

  it('clears optional fields sent as null and keeps the fields left out', async () => {
    const before = await register();
    const { person } = expectData(
      await sg.request(UPDATE, {
        input: { id: before.id, expectedVersion: 1, education: null, profession: null, employer: null, position: null, streetCode: null, community: null, mobile: null },
      }),
    ).updatePerson;
    expect(person).toEqual({
      ...before,
      education: null,
      profession: null,
      employer: null,
      position: null,
      street: null,
      community: null,
      mobile: null,
      version: 2,
    });
    expect(await read(before.id)).toEqual(person);
  });

  it('clears the country of a returnee who is no longer one, and requires it of a new one', async () => {
    const before = await register({ returnee: true, returneeCountry: '英国' });
    const cleared = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 1, returnee: false, returneeCountry: null } })).updatePerson.person;
    expect(cleared).toMatchObject({ returnee: false, returneeCountry: null, version: 2 });
    const res = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, returnee: true } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(res).map((f) => f.field)).toEqual(['input.returneeCountry']);
  });

  it('keeps a non-default ethnicity and status through an update of other fields', async () => {
    const before = await register({ ethnicity: '畲族' });
    const moved = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 1, status: 'MOVED_AWAY' } })).updatePerson.person;
    expect(moved).toMatchObject({ status: 'MOVED_AWAY', ethnicity: '畲族', version: 2 });
    const renamed = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, name: '周敏华' } })).updatePerson.person;
    expect(renamed).toMatchObject({ name: '周敏华', status: 'MOVED_AWAY', ethnicity: '畲族', registeredOn: before.registeredOn, version: 3 });
  });

  it('never changes the status of an archived person, whatever updatePerson is sent', async () => {
    const before = await register();
    expect(expectData(await sg.request(ARCHIVE, { input: { id: before.id, expectedVersion: 1 } })).archivePerson.person).toEqual({ status: 'ARCHIVED', version: 2 });

    const nulled = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, status: null } });
    expect(errorCodes(nulled)).toEqual(['BAD_USER_INPUT']);
    const reactivated = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, status: 'ACTIVE' } });
    expect(errorCodes(reactivated)).toEqual(['CONFLICT']);
    expect(reactivated.errors![0]!.message).toMatch(/archived/);
    const moved = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, status: 'MOVED_AWAY', employer: '别处' } });
    expect(errorCodes(moved)).toEqual(['CONFLICT']);
    expect(await read(before.id)).toMatchObject({ status: 'ARCHIVED', employer: '温州律师事务所', version: 2 });

    // Correcting other fields of the archived record leaves it archived.
    const corrected = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, employer: '温州第二律师事务所' } })).updatePerson.person;
    expect(corrected).toMatchObject({ status: 'ARCHIVED', employer: '温州第二律师事务所', version: 3 });
  });

  it('takes gender and birth date from a corrected ID number', async () => {
    const before = await register();
    expect(before).toMatchObject({ gender: 'MALE', birthDate: '1986-07-21' });
    const idNumber = makeIdNumber('330302', '1990-03-05', 42);
    const { person } = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 1, idNumber } })).updatePerson;
    expect(person).toEqual({ ...before, idNumber, gender: 'FEMALE', birthDate: '1990-03-05', version: 2 });
    expect(await read(before.id)).toEqual(person);

    // Sent together, they must agree with it.
    const other = makeIdNumber('330302', '1991-11-30', 43);
    const contradicted = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, idNumber: other, gender: 'FEMALE', birthDate: '1991-11-29' } });
    expect(errorCodes(contradicted)).toEqual(['BAD_USER_INPUT']);
    expect(fieldsOf(contradicted).map((f) => f.field)).toEqual(['input.gender', 'input.birthDate']);
    const agreed = expectData(await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 2, idNumber: other, gender: 'MALE', birthDate: '1991-11-30' } })).updatePerson.person;
    expect(agreed).toMatchObject({ idNumber: other, gender: 'MALE', birthDate: '1991-11-30', version: 3 });

    // A gender or birth date alone must agree with the ID number on record.
    const alone = await sg.request(UPDATE, { input: { id: before.id, expectedVersion: 3, gender: 'FEMALE' } });
    expect(fieldsOf(alone).map((f) => f.field)).toEqual(['input.gender']);
  });

  it("refuses another person's ID number with CONFLICT", async () => {
    const first = await register();
    const second = await register();
    const res = await sg.request(UPDATE, { input: { id: second.id, expectedVersion: 1, idNumber: first.idNumber } });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(await read(second.id)).toEqual(second);
  });
});
