import { makeIdNumber, mintServiceToken, Role } from '@tongxin/common';
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
  /** The matrix counted directly from what this test made. */
  const expected = (): Cell[] => {
    const cells = new Map<string, { persons: Set<string>; memberships: number }>();
    for (const [person, org] of memberships) {
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
    memberships.splice(memberships.findIndex(([who]) => who === '戊'), 1);
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
    for (const claims of [{ role: Role.PERSON, person: people['乙']!.id }, { role: Role.ASSOCIATION_ADMIN, org: orgs['鹿城区新的社会阶层人士联谊会']! }]) {
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

  it('delivers what it could not deliver while organizations was unreachable, once it is back', async () => {
    const persons = p.subgraphs.persons!.services as PersonsServices;
    const real = p.peerUrls.organizations!;
    p.peerUrls.organizations = 'http://127.0.0.1:9/graphql'; // nothing listens there
    try {
      await person('丁', LONGWAN);
      await persons.outbox!.nudge();
      expect(await persons.outbox!.pending()).toBe(1);
    } finally {
      p.peerUrls.organizations = real;
    }
    await join('丁', '鹿城区新的社会阶层人士联谊会');
    await delivered();
    expect(await matrix()).toEqual(expected());
  });
});
