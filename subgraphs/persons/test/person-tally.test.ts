import { makeIdNumber, Role, tallyDrift, todayInChina } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { PERSON_TALLY_SPECS, PERSON_TALLY_TABLE } from '../src/stats/person-tally';
import { tallyPlan } from '../src/stats/person-stats.service';
import { PersonStatsDimension } from '../src/stats/person-stats.types';
import { expectData } from '../../../test/harness/graphql-client';
import { tokenFor } from '../../../test/harness/auth';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The register's maintained counts (issue 16 §4): person_tally stays equal to a GROUP BY of the
 * register after every way the register is written, and personStats answers from it exactly what
 * counting the register answers, for every request it takes; the others are still counted on the
 * register.
 */
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id version } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id version } } }`;
const IMPORT = `mutation($rows: [PersonImportRow!]!) { importPersons(rows: $rows) { written registered errors { row column message } } }`;
const STATS = `query($g: [PersonStatsDimension!]!, $f: PersonFilter) {
  personStats(groupBy: $g, filter: $f) { district { code } street { code } category politicalAffiliation education returnee ageBand registeredMonth count suppressed }
}`;

const DISTRICTS = ['330302', '330303', '330304'];
const STREETS: Record<string, string[]> = { '330302': ['330302023', '330302006'], '330303': ['330303001'], '330304': [] };
const CATEGORIES = ['PRIVATE_TECH', 'FREELANCER', 'INTERMEDIARY'];
const AFFILIATIONS = ['MASSES', 'CPC_MEMBER', 'NON_PARTY'];
/** None, and the longest value a facet holds (a tally column too narrow for it fails the registration on MariaDB). */
const EDUCATIONS = [null, 'JUNIOR_HIGH_OR_BELOW', 'MASTER'];

/** Every grouping and filter the dashboard sends, and more: each is answered from the tally. */
const TALLIED: Array<[string[], Record<string, unknown>]> = [
  [[], {}],
  [['DISTRICT'], {}],
  [['DISTRICT', 'CATEGORY'], {}],
  [['CATEGORY', 'DISTRICT'], { statuses: ['ACTIVE', 'MOVED_AWAY'] }],
  [['STREET'], { districtCode: '330302' }],
  [['STREET', 'CATEGORY'], {}],
  [['POLITICAL_AFFILIATION'], { category: 'FREELANCER' }],
  [['EDUCATION'], { districtCode: '330303' }],
  [['RETURNEE', 'DISTRICT'], {}],
  [['AGE_BAND'], {}],
  [['AGE_BAND', 'DISTRICT'], { statuses: ['ARCHIVED'] }],
  [['REGISTERED_MONTH'], {}],
  [['REGISTERED_MONTH'], { registeredFrom: '2025-01-01' }],
  [['DISTRICT'], { registeredFrom: '2025-01-01', registeredTo: '2025-12-31' }],
  [['DISTRICT'], { registeredFrom: '2025-02-01', registeredTo: '2025-02-28' }],
  [['CATEGORY'], { streetCode: '330302023' }],
  [['DISTRICT'], { politicalAffiliation: 'CPC_MEMBER' }],
  [['POLITICAL_AFFILIATION'], { politicalAffiliation: 'MASSES' }],
  [['DISTRICT'], { returnee: true }],
];

/** Requests the tally cannot answer: counted on the register. */
const COUNTED: Array<[string[], Record<string, unknown>]> = [
  [['GENDER'], {}],
  [['PROFESSION'], {}],
  [['STREET', 'EDUCATION'], {}],
  [['DISTRICT'], { text: '统计' }],
  [['DISTRICT'], { community: '锦绣社区' }],
  [['DISTRICT'], { registeredFrom: '2025-01-02' }],
  [['DISTRICT'], { registeredTo: '2025-06-15' }],
  [['EDUCATION'], { politicalAffiliation: 'CPC_MEMBER' }],
];

describe('person_tally: the register counted by the database as it is written', () => {
  let sg: TestSubgraph<PersonsServices>;
  const year = Number(todayInChina().slice(0, 4));
  const persons: Array<{ id: string; version: number }> = [];
  const dialect = () => (sg.running.conn.isSqlite ? 'sqlite' : 'mysql');
  const drift = () => tallyDrift(sg.running.dataSource, PERSON_TALLY_SPECS, PERSON_TALLY_TABLE, dialect());
  const stats = async (groupBy: string[], filter: Record<string, unknown>, headers?: Record<string, string>) =>
    expectData(await sg.request(STATS, { g: groupBy, f: filter }, headers)).personStats as Array<Record<string, unknown>>;
  /** The same request counted on the register: the service's other path, for the comparison. */
  const counted = async (groupBy: string[], filter: Record<string, unknown>) => {
    const ctx = { viewer: { role: Role.CITY_ADMIN } } as never;
    const f = sg.running.services.persons.checkFilter(ctx, { ...filter, statuses: (filter.statuses as never) ?? ['ACTIVE'] } as never, (d) => (d ? [d] : null));
    return sg.running.services.personStats.fromRegister(ctx, groupBy as PersonStatsDimension[], f, year);
  };
  const tallied = async (groupBy: string[], filter: Record<string, unknown>) => {
    const ctx = { viewer: { role: Role.CITY_ADMIN } } as never;
    const f = sg.running.services.persons.checkFilter(ctx, { ...filter, statuses: (filter.statuses as never) ?? ['ACTIVE'] } as never, (d) => (d ? [d] : null));
    const plan = tallyPlan(groupBy as PersonStatsDimension[], f);
    expect(plan).not.toBeNull();
    return sg.running.services.personStats.fromTally(ctx, plan!, groupBy as PersonStatsDimension[], f, year);
  };
  const normal = (rows: Record<string, unknown>[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k === 'count' ? Number(v) : v === null ? null : String(v)])));

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    // 36 persons over three districts, streets (and none), categories, affiliations, educations (and
    // none), returnees, ages across the bands and registrations across months and years.
    for (let i = 0; i < 36; i++) {
      const district = DISTRICTS[i % 3]!;
      const streets = STREETS[district]!;
      const age = 25 + ((i * 7) % 40);
      const input = {
        name: '统计测试',
        idNumber: makeIdNumber(district, `${year - age}-03-0${1 + (i % 9)}`, 100 + 2 * i),
        politicalAffiliation: AFFILIATIONS[i % 3],
        category: CATEGORIES[Math.floor(i / 3) % 3],
        ...(EDUCATIONS[i % 3] ? { education: EDUCATIONS[i % 3] } : {}),
        districtCode: district,
        ...(streets.length && i % 4 ? { streetCode: streets[i % streets.length], ...(i % 3 === 0 ? { community: '锦绣社区' } : {}) } : {}),
        ...(i % 5 === 0 ? { returnee: true, returneeCountry: '美国' } : {}),
        registeredOn: `${2024 + (i % 3)}-${String(1 + (i % 12)).padStart(2, '0')}-${i % 2 ? '01' : '28'}`,
      };
      persons.push(expectData(await sg.request(REGISTER, { input })).registerPerson.person);
    }
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('is exact after registrations', async () => {
    expect(await drift()).toEqual([]);
    const [{ n }] = (await sg.running.dataSource.query(`SELECT SUM(n) AS n FROM person_tally WHERE facet = 'RETURNEE'`)) as [{ n: unknown }];
    expect(Number(n)).toBe(36);
  });

  it('is exact after edits that move persons between groups, and after edits that move none', async () => {
    const edits: Array<Record<string, unknown>> = [
      { districtCode: '330304', streetCode: null },
      { category: 'PRIVATE_TECH', politicalAffiliation: 'CPC_MEMBER' },
      { education: null, returnee: true, returneeCountry: '英国' },
      { streetCode: '330302006', districtCode: '330302' },
      { birthDate: `${year - 60}-01-01`, idNumber: makeIdNumber('330302', `${year - 60}-01-01`, 901) },
      { status: 'MOVED_AWAY' },
      { employer: '只改单位' },
    ];
    for (const [i, edit] of edits.entries()) {
      const p = persons[i]!;
      const res = expectData(await sg.request(UPDATE, { input: { id: p.id, expectedVersion: p.version, ...edit } })).updatePerson.person;
      persons[i] = res;
      expect(await drift()).toEqual([]);
    }
  });

  it('is exact after archiving and after an import of many rows in one statement', async () => {
    const p = persons[10]!;
    persons[10] = expectData(await sg.request(ARCHIVE, { input: { id: p.id, expectedVersion: p.version } })).archivePerson.person;
    const rows = Array.from({ length: 12 }, (_, i) => ({
      name: '导入统计',
      idNumber: makeIdNumber('330303', `1990-04-${String(10 + i).padStart(2, '0')}`, 501),
      gender: '男',
      birthDate: `1990/4/${10 + i}`,
      ethnicity: '汉族',
      politicalAffiliation: i % 2 ? '群众' : '中共党员',
      education: i % 3 ? '本科' : null,
      category: '自由职业人员',
      returnee: '否',
      district: '龙湾区',
      registeredOn: '2025年6月1日',
    }));
    const result = expectData(await sg.request(IMPORT, { rows })).importPersons;
    expect(result.errors).toEqual([]);
    expect(result.registered).toBe(12);
    expect(await drift()).toEqual([]);
  });

  it('is exact after a write the services do not make (a status set by SQL), and unchanged by a write that is rolled back', async () => {
    await sg.running.dataSource.query(`UPDATE person SET status = 'MOVED_AWAY' WHERE id = ?`, [persons[20]!.id]);
    expect(await drift()).toEqual([]);
    const before = await sg.running.dataSource.query(`SELECT * FROM person_tally ORDER BY facet, status, district_code, category, value`);
    const res = await sg.request(UPDATE, { input: { id: persons[21]!.id, expectedVersion: persons[21]!.version, districtCode: '330304', category: 'FREELANCER', idNumber: '123' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(await sg.running.dataSource.query(`SELECT * FROM person_tally ORDER BY facet, status, district_code, category, value`)).toEqual(before);
  });

  it('stays exact under imports and registrations side by side, which lock the same groups in different orders', async () => {
    const sheet = (batch: number) =>
      Array.from({ length: 40 }, (_, i) => ({
        name: '并发导入',
        idNumber: makeIdNumber(DISTRICTS[(i + batch) % 3]!, `1985-0${1 + batch}-${String(1 + (i % 28)).padStart(2, '0')}`, 601 + 2 * i),
        gender: '男',
        birthDate: `1985/${1 + batch}/${1 + (i % 28)}`,
        ethnicity: '汉族',
        // The rows' groups in an order of their own per sheet.
        politicalAffiliation: ['群众', '中共党员', '无党派人士'][(i * (batch + 1)) % 3],
        education: i % 4 ? '本科' : null,
        category: ['自由职业人员', '中介组织从业人员', '民营科技企业创业人员和技术人员'][(i + 2 * batch) % 3],
        returnee: '否',
        district: ['鹿城区', '龙湾区', '瓯海区'][(i + batch) % 3],
        registeredOn: `2025年${1 + (i % 12)}月1日`,
      }));
    const registrations = Array.from({ length: 6 }, (_, i) => ({
      name: '并发登记',
      idNumber: makeIdNumber(DISTRICTS[i % 3]!, '1979-11-11', 701 + 2 * i),
      politicalAffiliation: AFFILIATIONS[i % 3],
      category: CATEGORIES[(i + 1) % 3],
      districtCode: DISTRICTS[i % 3],
    }));
    const results = await Promise.all([...[0, 1, 2, 3].map((b) => sg.request(IMPORT, { rows: sheet(b) })), ...registrations.map((input) => sg.request(REGISTER, { input }))]);
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(results.slice(0, 4).map((r) => (r.data as { importPersons: { registered: number } }).importPersons.registered)).toEqual([40, 40, 40, 40]);
    expect(await drift()).toEqual([]);
  });

  it.each(TALLIED)('answers %j %j from the tally, as counting the register does', async (groupBy, filter) => {
    const expected = normal(await counted(groupBy, filter));
    expect(expected.length).toBeGreaterThan(0);
    expect(normal(await tallied(groupBy, filter))).toEqual(expected);
  });

  it('answers a total of 0, not nothing, when no one matches (as COUNT(*) does)', async () => {
    const nobody = { districtCode: '330304', category: 'PRIVATE_TECH', statuses: ['ARCHIVED'] };
    expect(normal(await counted([], nobody))).toEqual([{ count: 0 }]);
    expect(normal(await tallied([], nobody))).toEqual([{ count: 0 }]);
    expect(await stats([], nobody)).toEqual([expect.objectContaining({ district: null, count: 0, suppressed: false })]);
    expect(await tallied(['DISTRICT'], nobody)).toEqual([]);
  });

  it.each(COUNTED)('counts %j %j on the register', async (groupBy, filter) => {
    const ctx = { viewer: { role: Role.CITY_ADMIN } } as never;
    const f = sg.running.services.persons.checkFilter(ctx, { ...filter, statuses: ['ACTIVE'] } as never, () => null);
    expect(tallyPlan(groupBy as PersonStatsDimension[], f)).toBeNull();
  });

  it('reads the tally for the requests it takes, and the register for the others (a tally made wrong on purpose shows which)', async () => {
    const truth = await stats(['DISTRICT'], {});
    const truthByText = await stats(['DISTRICT'], { text: '统计' });
    // One row of the facet that serves requests with no facet of their own.
    const corrupt = `UPDATE person_tally SET n = n + ? WHERE facet = 'RETURNEE' AND status = 'ACTIVE' AND district_code = '330302' AND category = 'FREELANCER' AND value = '0'`;
    await sg.running.dataSource.query(corrupt, [100]);
    try {
      const wrong = await stats(['DISTRICT'], {});
      expect(wrong.find((g) => (g.district as { code: string }).code === '330302')!.count).toBe((truth.find((g) => (g.district as { code: string }).code === '330302')!.count as number) + 100);
      expect(await stats(['DISTRICT'], { text: '统计' })).toEqual(truthByText);
      expect(await drift()).not.toEqual([]);
    } finally {
      await sg.running.dataSource.query(corrupt, [-100]);
    }
    expect(await drift()).toEqual([]);
  });

  it('answers in one statement, and keeps disclosure control: an analyst sees small groups suppressed', async () => {
    const { statements } = await sg.statements(() => stats(['DISTRICT', 'CATEGORY'], {}));
    expect(statements).toBe(1);
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    // The persons registered in 2024: a dozen, in groups under 5 (still the tally's: whole months).
    const seen = await stats(['DISTRICT', 'CATEGORY'], { registeredFrom: '2024-01-01', registeredTo: '2024-12-31' }, analyst);
    expect(seen.some((g) => g.suppressed === true)).toBe(true);
    for (const g of seen.filter((x) => !x.suppressed)) expect((g.count as number) % 5).toBe(0);
  });

  it('keeps a district administrator to their district', async () => {
    const lucheng = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })}` };
    const seen = await stats(['DISTRICT'], {}, lucheng);
    expect(seen.map((g) => (g.district as { code: string }).code)).toEqual(['330302']);
    const res = await sg.request(STATS, { g: ['DISTRICT'], f: { districtCode: '330303' } }, lucheng);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
