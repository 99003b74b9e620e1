import { makeIdNumber, todayInChina } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The dashboard's dimensions of personStats (issue 16 §3): age bands (the age reached this year,
 * from the birth year) and registrations per month, and the filter by registration date.
 */
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const STATS = `query($g: [PersonStatsDimension!]!, $f: PersonFilter) { personStats(groupBy: $g, filter: $f) { ageBand registeredMonth district { code } count suppressed } }`;

describe('personStats by age band and month of registration', () => {
  let sg: TestSubgraph<PersonsServices>;
  const year = Number(todayInChina().slice(0, 4));
  // Ages at the bands' edges, each registered on a day of its own.
  const persons = [
    { age: 25, registeredOn: '2024-01-15' },
    { age: 35, registeredOn: '2024-01-31' },
    { age: 36, registeredOn: '2024-02-01' },
    { age: 45, registeredOn: '2024-02-29' },
    { age: 46, registeredOn: '2024-03-01' },
    { age: 55, registeredOn: '2025-12-31' },
    { age: 56, registeredOn: '2026-01-01' },
    { age: 70, registeredOn: '2026-01-02' },
  ];
  const stats = async (groupBy: string[], filter: Record<string, unknown> = {}) =>
    expectData(await sg.request(STATS, { g: groupBy, f: { text: '年龄统计', ...filter } })).personStats as Array<Record<string, unknown>>;

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    for (const [i, p] of persons.entries()) {
      const input = {
        name: '年龄统计',
        idNumber: makeIdNumber(i % 2 ? '330302' : '330303', `${year - p.age}-06-15`, 300 + 2 * i),
        politicalAffiliation: 'MASSES',
        category: 'FREELANCER',
        districtCode: i % 2 ? '330302' : '330303',
        registeredOn: p.registeredOn,
      };
      expectData(await sg.request(REGISTER, { input }));
    }
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('groups by age band, the age reached this year, youngest first: 35 and under, 36 to 45, 46 to 55, 56 and over', async () => {
    expect((await stats(['AGE_BAND'])).map((g) => [g.ageBand, g.count])).toEqual([
      ['UP_TO_35', 2],
      ['FROM_36_TO_45', 2],
      ['FROM_46_TO_55', 2],
      ['FROM_56', 2],
    ]);
  });

  it('groups by month of registration (YYYY-MM), also with another dimension', async () => {
    expect((await stats(['REGISTERED_MONTH'])).map((g) => [g.registeredMonth, g.count])).toEqual([
      ['2024-01', 2],
      ['2024-02', 2],
      ['2024-03', 1],
      ['2025-12', 1],
      ['2026-01', 2],
    ]);
    const both = await stats(['DISTRICT', 'REGISTERED_MONTH']);
    expect(both.map((g) => [(g.district as { code: string }).code, g.registeredMonth, g.count])).toEqual([
      ['330302', '2024-01', 1],
      ['330302', '2024-02', 1],
      ['330302', '2025-12', 1],
      ['330302', '2026-01', 1],
      ['330303', '2024-01', 1],
      ['330303', '2024-02', 1],
      ['330303', '2024-03', 1],
      ['330303', '2026-01', 1],
    ]);
    expect(both.every((g) => g.ageBand === null && g.suppressed === false)).toBe(true);
  });

  it('filters by the day of registration, both ends included (the persons list alike)', async () => {
    expect((await stats(['REGISTERED_MONTH'], { registeredFrom: '2024-01-31', registeredTo: '2024-03-01' })).map((g) => [g.registeredMonth, g.count])).toEqual([
      ['2024-01', 1],
      ['2024-02', 2],
      ['2024-03', 1],
    ]);
    expect((await stats([], { registeredFrom: '2025-01-01' }))[0]!.count).toBe(3);
    const listed = expectData(await sg.request(`query($f: PersonFilter) { persons(filter: $f, first: 50) { totalCount } }`, { f: { text: '年龄统计', registeredTo: '2024-01-31' } })).persons
      .totalCount;
    expect(listed).toBe(2);
  });

  it('refuses a range that ends before it starts, or a day that does not exist, with BAD_USER_INPUT', async () => {
    const backwards = await sg.request(STATS, { g: ['REGISTERED_MONTH'], f: { registeredFrom: '2025-01-01', registeredTo: '2024-12-31' } });
    expect(backwards.errors?.map((e) => [e.extensions?.code, e.extensions?.field])).toEqual([['BAD_USER_INPUT', 'filter.registeredTo']]);
    const noSuchDay = await sg.request(STATS, { g: [], f: { registeredFrom: '2024-02-30' } });
    expect(noSuchDay.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
  });
});
