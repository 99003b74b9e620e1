import { CITY as CITY_INFO, COUNTY_LEVEL_UNITS, makeIdNumber, mintServiceToken, Role } from '@tongxin/common';
import type { PersonsServices } from '@tongxin/persons';
import { TEST_AUTH, tokenFor } from './harness/auth';
import { expectData, postGraphQL } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * The cross-district relations (issue 4, part 5; docs/CROSS-DISTRICT.md): persons registered in
 * one district who belong to organizations of another, from the organizations subgraph's replica
 * of person districts, which the persons subgraph keeps current through its outbox. Checked
 * against a direct count of this test's own data, before and after a person moves.
 */

const LUCHENG = '330302';
const LONGWAN = '330303';
const OUHAI = '330304';
const CITY = '330300';

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id version } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const MATRIX = `{ crossDistrictMatrix { personDistrict { code } organizationDistrict { code } persons memberships } }`;
const MATRIX_OF = `query($activeOnly: Boolean, $zeroFilled: Boolean) {
  crossDistrictMatrix(activeOnly: $activeOnly, zeroFilled: $zeroFilled) { personDistrict { code } organizationDistrict { code } persons memberships suppressed }
}`;
/** Every cell of the matrix in its order: the 12 districts where persons are registered × those and the city. */
const GRID = COUNTY_LEVEL_UNITS.flatMap((from) => [CITY_INFO, ...COUNTY_LEVEL_UNITS].map((to) => ({ from: from.code, to: to.code })));

const MEMBERS = `query($a: String!, $b: String!, $after: String) {
  crossDistrictMembers(personDistrictCode: $a, organizationDistrictCode: $b, first: 1, after: $after) {
    totalCount edges { node { id person { id district { code } } organization { id } } } pageInfo { hasNextPage endCursor }
  }
}`;

type Cell = { from: string; to: string; persons: number; memberships: number };

let seq = 0;
describe('cross-district relations', () => {
  let p: TestPlatform;
  const people: Record<string, { id: string; version: number }> = {};
  const orgs: Record<string, string> = {};
  const memberships: Array<[person: string, org: string]> = [];

  /** Waits until the persons subgraph has delivered its outbox (it delivers after each commit). */
  const delivered = async () => {
    const persons = p.subgraphs.persons!.services as PersonsServices;
    await persons.outbox!.nudge();
    expect(await persons.outbox!.pending()).toBe(0);
  };
  const matrix = async (headers?: Record<string, string>): Promise<Cell[]> =>
    expectData(await p.request(MATRIX, {}, headers)).crossDistrictMatrix.map((c: any) => ({
      from: c.personDistrict.code,
      to: c.organizationDistrict.code,
      persons: c.persons,
      memberships: c.memberships,
    }));
  /** Memberships this test ended (activeOnly: false counts them). */
  const ended: Array<[person: string, org: string]> = [];
  /** The matrix counted directly from what this test made (its running memberships, or those given). */
  const expected = (counted: ReadonlyArray<[person: string, org: string]> = memberships): Cell[] => {
    const cells = new Map<string, { persons: Set<string>; memberships: number }>();
    for (const [person, org] of counted) {
      const key = `${districtOf[person]}>${orgDistrict[org]}`;
      const cell = cells.get(key) ?? { persons: new Set(), memberships: 0 };
      cell.persons.add(person);
      cell.memberships += 1;
      cells.set(key, cell);
    }
    return [...cells.entries()]
      .map(([key, c]) => ({ from: key.split('>')[0]!, to: key.split('>')[1]!, persons: c.persons.size, memberships: c.memberships }))
      .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  };
  const districtOf: Record<string, string> = {};
  const orgDistrict: Record<string, string> = {};

  const person = async (name: string, districtCode: string) => {
    seq += 1;
    const input = { name, idNumber: makeIdNumber(districtCode, '1985-01-02', 900 + seq * 2), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode };
    people[name] = expectData(await p.request(REGISTER, { input })).registerPerson.person;
    districtOf[name] = districtCode;
  };
  const org = async (name: string, districtCode: string) => {
    const level = districtCode === CITY ? 'CITY' : 'DISTRICT';
    orgs[name] = expectData(await p.request(CREATE_ORG, { input: { name, kind: 'FRIENDSHIP_ASSOCIATION', level, districtCode } })).createOrganization.organization.id;
    orgDistrict[name] = districtCode;
  };
  const join = async (who: string, where: string) => {
    expectData(await p.request(ADD, { input: { personId: people[who]!.id, organizationId: orgs[where]!, role: 'MEMBER', startDate: '2024-01-01' } }));
    memberships.push([who, where]);
  };

  beforeAll(async () => {
    p = await startTestPlatform();
    await person('甲', LUCHENG);
    await person('乙', LUCHENG);
    await person('丙', LONGWAN);
    await org('龙湾区新的社会阶层人士联谊会', LONGWAN);
    await org('鹿城区新的社会阶层人士联谊会', LUCHENG);
    await org('温州市新的社会阶层人士联谊会', CITY);
    await join('甲', '龙湾区新的社会阶层人士联谊会');
    await join('乙', '龙湾区新的社会阶层人士联谊会');
    await join('乙', '温州市新的社会阶层人士联谊会');
    await join('丙', '鹿城区新的社会阶层人士联谊会');
    await join('甲', '鹿城区新的社会阶层人士联谊会');
    await delivered();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('counts persons and memberships for every pair of districts, as a direct count of the data does', async () => {
    expect(await matrix()).toEqual(expected());
    expect(await matrix()).toContainEqual({ from: LUCHENG, to: LONGWAN, persons: 2, memberships: 2 });
  });

  it('stays correct when a person moves to another district', async () => {
    const moved = expectData(await p.request(UPDATE, { input: { id: people['甲']!.id, expectedVersion: people['甲']!.version, districtCode: OUHAI } })).updatePerson.person;
    people['甲'] = moved;
    districtOf['甲'] = OUHAI;
    await delivered();
    expect(await matrix()).toEqual(expected());
    expect(await matrix()).toContainEqual({ from: OUHAI, to: LONGWAN, persons: 1, memberships: 1 });
  });

  it('counts an archived person nowhere, like the register does', async () => {
    await person('戊', LUCHENG);
    await join('戊', '龙湾区新的社会阶层人士联谊会');
    await delivered();
    expect(await matrix()).toEqual(expected());
    const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id version } } }`;
    people['戊'] = expectData(await p.request(ARCHIVE, { input: { id: people['戊']!.id, expectedVersion: people['戊']!.version } })).archivePerson.person;
    await delivered();
    memberships.splice(
      memberships.findIndex(([who]) => who === '戊'),
      1,
    );
    expect(await matrix()).toEqual(expected());
    const page = expectData(await p.request(MEMBERS, { a: LUCHENG, b: LONGWAN })).crossDistrictMembers;
    expect(page.totalCount).toBe(1);
  });

  it('lists the memberships of one pair, page by page, with the persons through the gateway', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = expectData(await p.request(MEMBERS, { a: LUCHENG, b: LONGWAN, after })).crossDistrictMembers;
      expect(page.totalCount).toBe(1);
      for (const e of page.edges) {
        expect(e.node.person.district.code).toBe(LUCHENG);
        seen.push(e.node.person.id);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual([people['乙']!.id]);
  });

  it('answers the matrix in one statement (a GROUP BY over its own tables), asking no other subgraph', async () => {
    const { statements, bySubgraph } = await p.statements(() => p.request(MATRIX));
    expect(bySubgraph.organizations).toBe(1);
    expect(statements).toBe(1);
  });

  describe('zeroFilled: every cell, for dashboards', () => {
    type FullCell = Cell & { suppressed: boolean };
    const grid = async (headers?: Record<string, string>, activeOnly = true): Promise<Array<{ from: string; to: string; persons: number | null; memberships: number | null; suppressed: boolean }>> =>
      expectData(await p.request(MATRIX_OF, { zeroFilled: true, activeOnly }, headers)).crossDistrictMatrix.map(
        (c: { personDistrict: { code: string }; organizationDistrict: { code: string }; persons: number | null; memberships: number | null; suppressed: boolean }) => ({
          from: c.personDistrict.code,
          to: c.organizationDistrict.code,
          persons: c.persons,
          memberships: c.memberships,
          suppressed: c.suppressed,
        }),
      );

    it('answers the 12 × 13 grid (persons registered in the 12 districts × organizations of those and of the city, the diagonal included), in order, zeros where the data has none', async () => {
      expect(GRID).toHaveLength(156);
      const cells = await grid();
      expect(cells.map(({ from, to }) => ({ from, to }))).toEqual(GRID);
      const counted = new Map(expected().map((c) => [`${c.from}>${c.to}`, c]));
      expect(cells).toEqual(GRID.map(({ from, to }): FullCell => ({ ...(counted.get(`${from}>${to}`) ?? { from, to, persons: 0, memberships: 0 }), suppressed: false })));
      // The default answer: the same cells without the empty ones.
      expect(await matrix()).toEqual(expected());
      // The shape: the diagonal and the city's column are cells; nobody is registered in the city itself.
      expect(GRID.filter((c) => c.from === c.to)).toHaveLength(12);
      expect(GRID.filter((c) => c.to === CITY)).toHaveLength(12);
      expect(GRID.filter((c) => c.from === CITY)).toHaveLength(0);
    });

    it("gives a district administrator its district's row and column (13 + 12 - 1 = 24 cells), zeros suppressed where it sees counts under disclosure control", async () => {
      const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: LONGWAN })}` };
      const cells = await grid(district);
      expect(cells.map(({ from, to }) => ({ from, to }))).toEqual(GRID.filter((c) => c.from === LONGWAN || c.to === LONGWAN));
      expect(cells).toHaveLength(24);
      const counted = new Map(expected().map((c) => [`${c.from}>${c.to}`, c]));
      for (const cell of cells) {
        const real = counted.get(`${cell.from}>${cell.to}`) ?? { persons: 0, memberships: 0 };
        // Its own organizations' column exactly (zeros included); its people elsewhere under disclosure control: small or zero, so suppressed.
        if (cell.to === LONGWAN) expect(cell).toEqual({ from: cell.from, to: cell.to, persons: real.persons, memberships: real.memberships, suppressed: false });
        else expect(cell).toEqual({ from: cell.from, to: cell.to, persons: null, memberships: null, suppressed: true });
      }
      // Without zeroFilled the same cells, the empty ones left out.
      const nonEmpty = new Set(expected().map((c) => `${c.from}>${c.to}`));
      expect(await matrix(district)).toEqual(cells.filter((c) => nonEmpty.has(`${c.from}>${c.to}`)).map(({ from, to, persons, memberships }) => ({ from, to, persons, memberships })));
    });

    it('suppresses every zero for an analyst (a zero is a group below the minimum), as the small cells', async () => {
      const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
      const cells = await grid(analyst);
      expect(cells).toHaveLength(156);
      const nonEmpty = new Set(expected().map((c) => `${c.from}>${c.to}`));
      for (const cell of cells.filter((c) => !nonEmpty.has(`${c.from}>${c.to}`))) expect(cell).toMatchObject({ persons: null, memberships: null, suppressed: true });
      // This test's cells are all below the minimum (5): nothing to read from the grid.
      expect(cells.every((c) => c.suppressed && c.persons === null)).toBe(true);
    });

    it('refuses the roles that may not read the matrix, zero-filled or not', async () => {
      for (const claims of [
        { role: Role.PERSON, person: people['乙']!.id },
        { role: Role.ASSOCIATION_ADMIN, org: orgs['鹿城区新的社会阶层人士联谊会']! },
      ]) {
        const res = await p.request(MATRIX_OF, { zeroFilled: true }, { authorization: `Bearer ${await tokenFor(claims)}` });
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
        expect(res.data?.crossDistrictMatrix ?? null).toBeNull();
      }
    });
  });

  it("limits a district administrator to their district's rows and columns, and refuses other roles", async () => {
    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: LONGWAN })}` };
    const cells = await matrix(district);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.from === LONGWAN || c.to === LONGWAN)).toBe(true);
    // The cells of its district's organizations exactly; those of its people in other districts'
    // organizations under disclosure control: these are small, so suppressed (stats-disclosure.test.ts).
    const own = expected().filter((c) => c.from === LONGWAN || c.to === LONGWAN);
    expect(cells).toEqual(own.map((c) => (c.to === LONGWAN ? c : { ...c, persons: null, memberships: null })));
    const elsewhere = await p.request(MEMBERS, { a: OUHAI, b: CITY }, district);
    expect(elsewhere.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    for (const claims of [
      { role: Role.PERSON, person: people['乙']!.id },
      { role: Role.ASSOCIATION_ADMIN, org: orgs['鹿城区新的社会阶层人士联谊会']! },
    ]) {
      const res = await p.request(MATRIX, {}, { authorization: `Bearer ${await tokenFor(claims)}` });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
  });

  it('refuses bad district codes with BAD_USER_INPUT naming the argument', async () => {
    const res = await p.request(MEMBERS, { a: '110101', b: LONGWAN });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'personDistrictCode' });
  });

  it('takes district changes only from the persons subgraph, applies each once and ignores stale ones', async () => {
    const url = p.subgraphs.organizations!.url;
    const APPLY = `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) }`;
    const change = [{ personId: people['丙']!.id, districtCode: OUHAI, version: 1 }];
    const asCity = await postGraphQL(url, APPLY, { c: change }, { authorization: `Bearer ${await tokenFor({ role: Role.CITY_ADMIN })}` });
    expect(asCity.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const service = { authorization: `Bearer ${await mintServiceToken(TEST_AUTH, 'persons')}` };
    // Version 1 is what the replica holds already: nothing changes, and the matrix stays right.
    expect(expectData(await postGraphQL(url, APPLY, { c: change }, service)).applyPersonDistricts).toBe(0);
    expect(await matrix()).toEqual(expected());
    // Through the gateway the mutation does not exist.
    const viaGateway = await p.request(APPLY, { c: change });
    expect(viaGateway.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('ignores a change older than the one it holds (a late delivery of a move), alone or beside a repeated one', async () => {
    const url = p.subgraphs.organizations!.url;
    const APPLY = `mutation($c: [PersonDistrictChangeInput!]!) { applyPersonDistricts(changes: $c) }`;
    const service = { authorization: `Bearer ${await mintServiceToken(TEST_AUTH, 'persons')}` };
    // 甲 moved from 鹿城 to 瓯海 (version 2, delivered): version 1 said 鹿城.
    const current = people['甲']!.version;
    expect(current).toBeGreaterThan(1);
    const older = { personId: people['甲']!.id, districtCode: LUCHENG, version: current - 1 };
    expect(expectData(await postGraphQL(url, APPLY, { c: [older] }, service)).applyPersonDistricts).toBe(0);
    expect(expectData(await postGraphQL(url, APPLY, { c: [older, { ...older, districtCode: OUHAI, version: current }] }, service)).applyPersonDistricts).toBe(0);
    expect(await matrix()).toEqual(expected());
    expect(await matrix()).toContainEqual({ from: OUHAI, to: LONGWAN, persons: 1, memberships: 1 });
    const fromLucheng = expectData(await p.request(MEMBERS, { a: LUCHENG, b: LONGWAN })).crossDistrictMembers;
    expect(fromLucheng.edges.map((e: { node: { person: { id: string } } }) => e.node.person.id)).not.toContain(people['甲']!.id);
  });

  it('delivers what it could not deliver while organizations was unreachable, once it is back', async () => {
    const persons = p.subgraphs.persons!.services as PersonsServices;
    const real = p.peerUrls.organizations!;
    p.peerUrls.organizations = 'http://127.0.0.1:9/graphql'; // nothing listens there
    try {
      await person('丁', LONGWAN);
      await persons.outbox!.nudge();
      expect(await persons.outbox!.pending()).toBe(1);
      // Until the register's news arrives, organizations does not know 丁 (issue 15): a clear
      // refusal, to try again shortly; nothing is written.
      const before = await matrix();
      const refused = await p.request(ADD, { input: { personId: people['丁']!.id, organizationId: orgs['鹿城区新的社会阶层人士联谊会']!, role: 'MEMBER' } });
      expect(refused.errors).toEqual([
        expect.objectContaining({
          message: expect.stringMatching(
            /^input\.personId: is not a person of the register known here: check the id\. A person registered a moment ago becomes known here within seconds: if so, try again shortly/,
          ),
          extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'input.personId' }),
        }),
      ]);
      expect(await matrix()).toEqual(before);
    } finally {
      p.peerUrls.organizations = real;
    }
    await delivered();
    await join('丁', '鹿城区新的社会阶层人士联谊会');
    expect(await matrix()).toEqual(expected());
  });

  it('files ended memberships (activeOnly: false) under the district the person is registered in now, not where they were', async () => {
    const ADD_V = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`;
    const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id endDate } } }`;
    const withEnded = async (): Promise<Cell[]> =>
      expectData(await p.request(MATRIX_OF, { activeOnly: false })).crossDistrictMatrix.map(
        (c: { personDistrict: { code: string }; organizationDistrict: { code: string }; persons: number; memberships: number }) => ({
          from: c.personDistrict.code,
          to: c.organizationDistrict.code,
          persons: c.persons,
          memberships: c.memberships,
        }),
      );
    await person('己', LUCHENG);
    const added = expectData(await p.request(ADD_V, { input: { personId: people['己']!.id, organizationId: orgs['龙湾区新的社会阶层人士联谊会']!, role: 'MEMBER', startDate: '2024-01-01' } }))
      .addMembership.membership;
    expectData(await p.request(END, { input: { id: added.id, expectedVersion: added.version, endDate: '2025-06-30', reason: '任期届满' } }));
    ended.push(['己', '龙湾区新的社会阶层人士联谊会']);
    await delivered();
    expect(await withEnded()).toEqual(expected([...memberships, ...ended]));
    expect(await withEnded()).toContainEqual({ from: LUCHENG, to: LONGWAN, persons: 2, memberships: 2 });

    // 己 moves after the membership ended: it follows them to 瓯海.
    const moved = expectData(await p.request(UPDATE, { input: { id: people['己']!.id, expectedVersion: people['己']!.version, districtCode: OUHAI } })).updatePerson.person;
    people['己'] = moved;
    districtOf['己'] = OUHAI;
    await delivered();
    expect(await withEnded()).toEqual(expected([...memberships, ...ended]));
    expect(await withEnded()).toContainEqual({ from: LUCHENG, to: LONGWAN, persons: 1, memberships: 1 });
    expect(await withEnded()).toContainEqual({ from: OUHAI, to: LONGWAN, persons: 2, memberships: 2 });
    // Running memberships only (the default): the ended one counts nowhere.
    expect(await matrix()).toEqual(expected());
  });
});
