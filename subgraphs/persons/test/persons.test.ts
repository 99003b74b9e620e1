import { makeIdNumber, systemContext } from '@tongxin/common';
import { PersonDraft, personsSubgraph, PersonsServices } from '@tongxin/persons';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const REGISTER = `mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id name gender birthDate idNumber idNumberFull district { code name } street { code } version status } }
}`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id name employer version } } }`;
const COUNT = `query($f: PersonFilter) { persons(filter: $f, first: 1) { totalCount } }`;

let seq = 100;
function form(overrides: Record<string, unknown> = {}) {
  seq += 2;
  return {
    name: '林晓',
    idNumber: makeIdNumber('330302', '1986-07-21', seq + 1),
    politicalAffiliation: 'NON_PARTY',
    category: 'INTERMEDIARY',
    profession: 'LAWYER',
    districtCode: '330302',
    streetCode: '330302006',
    ...overrides,
  };
}

describe('persons subgraph', () => {
  let sg: TestSubgraph<PersonsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const total = async (f: Record<string, unknown> = {}) => expectData(await sg.request<{ persons: { totalCount: number } }>(COUNT, { f })).persons.totalCount;

  it('registers a person and derives gender and birth date from the ID number', async () => {
    const input = form({ name: '陈  明 ' });
    const { registerPerson } = expectData(await sg.request(REGISTER, { input }));
    expect(registerPerson.person).toMatchObject({
      name: '陈  明',
      gender: 'MALE',
      birthDate: '1986-07-21',
      idNumber: `${input.idNumber.slice(0, 2)}${'*'.repeat(16)}`,
      idNumberFull: input.idNumber,
      district: { code: '330302', name: '鹿城区' },
      street: { code: '330302006' },
      version: 1,
      status: 'ACTIVE',
    });
    const read = expectData(await sg.request(`query($id: ID!) { person(id: $id) { id name } }`, { id: registerPerson.person.id }));
    expect(read.person).toEqual({ id: registerPerson.person.id, name: '陈  明' });
  });

  it.each([
    ['a wrong check character', { idNumber: '330302198607211234' }, 'input.idNumber'],
    ['an unknown district', { districtCode: '330399', streetCode: null }, 'input.districtCode'],
    ['the city instead of a district', { districtCode: '330300', streetCode: null }, 'input.districtCode'],
    ['a street of another district', { streetCode: '330303001' }, 'input.streetCode'],
    ['an over-long name', { name: '名'.repeat(51) }, 'input.name'],
    ['an over-long employer', { employer: 'x'.repeat(101) }, 'input.employer'],
    ['a gender the ID number contradicts', { gender: 'FEMALE' }, 'input.gender'],
    ['a birth date the ID number contradicts', { birthDate: '1986-07-22' }, 'input.birthDate'],
    ['a profession outside the category', { profession: 'BROKER' }, 'input.profession'],
    ['an unknown ethnicity', { ethnicity: '火星族' }, 'input.ethnicity'],
    ['a malformed mobile number', { mobile: '2345' }, 'input.mobile'],
    ['a returnee without a country', { returnee: true }, 'input.returneeCountry'],
    ['a registration date in the future', { registeredOn: '2999-01-01' }, 'input.registeredOn'],
    ['a registration date before the birth date', { registeredOn: '2001-01-01', idNumber: makeIdNumber('330302', '2005-03-04', 11) }, 'input.registeredOn'],
    ['a community without its street', { streetCode: null, community: '锦绣社区' }, 'input.community'],
    ['China as the country returned from', { returnee: true, returneeCountry: '中国' }, 'input.returneeCountry'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const before = await total();
    const res = await sg.request(REGISTER, { input: form(overrides) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await total()).toBe(before);
  });

  it('refuses an impossible date at the GraphQL layer', async () => {
    const res = await sg.request(REGISTER, { input: form({ birthDate: '1986-02-30' }) });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a second registration of the same ID number with CONFLICT', async () => {
    const input = form();
    expectData(await sg.request(REGISTER, { input }));
    const before = await total();
    const res = await sg.request(REGISTER, { input: { ...input, name: '别人' } });
    expect(errorCodes(res)).toEqual(['CONFLICT']);
    expect(await total()).toBe(before);
  });

  it('updates with the expected version and refuses a stale one, leaving the record as it was', async () => {
    const { registerPerson } = expectData(await sg.request(REGISTER, { input: form() }));
    const id = registerPerson.person.id;
    const first = expectData(await sg.request(UPDATE, { input: { id, expectedVersion: 1, employer: '温州律师事务所' } }));
    expect(first.updatePerson.person).toMatchObject({ employer: '温州律师事务所', version: 2 });

    const stale = await sg.request(UPDATE, { input: { id, expectedVersion: 1, employer: '别的单位' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(2);
    const now = expectData(await sg.request(`query($id: ID!) { person(id: $id) { employer version } }`, { id }));
    expect(now.person).toEqual({ employer: '温州律师事务所', version: 2 });

    const invalid = await sg.request(UPDATE, { input: { id, expectedVersion: 2, name: '' } });
    expect(errorCodes(invalid)).toEqual(['BAD_USER_INPUT']);
    const missing = await sg.request(UPDATE, { input: { id: '01900000-0000-7000-8000-000000000000', expectedVersion: 1, name: '无' } });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);
  });

  it('archives a person, hiding them from default lists', async () => {
    const { registerPerson } = expectData(await sg.request(REGISTER, { input: form({ districtCode: '330305', streetCode: null }) }));
    expect(await total({ districtCode: '330305' })).toBe(1);
    const archived = expectData(
      await sg.request(`mutation($i: ArchivePersonInput!) { archivePerson(input: $i) { person { status version } } }`, {
        i: { id: registerPerson.person.id, expectedVersion: 1 },
      }),
    );
    expect(archived.archivePerson.person).toEqual({ status: 'ARCHIVED', version: 2 });
    expect(await total({ districtCode: '330305' })).toBe(0);
    expect(await total({ districtCode: '330305', statuses: ['ARCHIVED'] })).toBe(1);
  });

  it('pages through a filtered list with keyset cursors, in registration order', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { registerPerson } = expectData(await sg.request(REGISTER, { input: form({ districtCode: '330329', streetCode: null, category: 'FREELANCER', profession: 'BROKER' }) }));
      ids.push(registerPerson.person.id);
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = expectData(
        await sg.request(
          `query($after: String) { persons(first: 3, after: $after, filter: { districtCode: "330329", category: FREELANCER }) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`,
          { after },
        ),
      );
      seen.push(...page.persons.edges.map((e: any) => e.node.id));
      if (!page.persons.pageInfo.hasNextPage) break;
      after = page.persons.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
    expect(await total({ text: '林晓', districtCode: '330329' })).toBe(7);
  });

  it('refuses page sizes out of bounds and cursors it did not issue', async () => {
    expect(errorCodes(await sg.request(`{ persons(first: 1001) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ persons(first: 0) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ persons(after: "bm9wZQ") { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(`{ persons(filter: { districtCode: "123456" }) { totalCount } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('resolves hundreds of entity references with one SQL statement', async () => {
    const ids = await sg.running.services.persons.registerMany(
      systemContext(),
      Array.from({ length: 300 }, (_, i) => form({ name: `批量${'甲乙丙丁戊己庚辛壬癸'[i % 10]}`, idNumber: makeIdNumber('330381', '1975-01-01', 500 + i) }) as PersonDraft),
    );
    expect(ids.length).toBe(300);
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }`;
    const { result, statements } = await sg.statements(() => sg.request(query, { r: ids.map((id) => ({ __typename: 'Person', id })) }));
    expect(expectData(result)._entities).toHaveLength(300);
    expect(statements).toBe(1);
  });

  it('lists districts and the streets of one', async () => {
    const data = expectData(await sg.request(`{ districts { code name kind } streets(districtCode: "330383") { code name } }`));
    expect(data.districts).toHaveLength(13);
    expect(data.districts[0]).toEqual({ code: '330300', name: '温州市', kind: 'CITY' });
    expect(data.streets).toEqual([{ code: '330383198', name: '龙港县直辖村级区划' }]);
  });
});
