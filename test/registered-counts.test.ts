import { makeIdNumber, todayInChina } from '@tongxin/common';
import type { PersonsServices } from '@tongxin/persons';
import { expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * One rule for counting people (DOMAIN.md, "Counting people"; issue 15): a count of members or
 * pool entries counts registered persons (status ACTIVE); archived and moved-away persons are
 * history, listed in history views, not counted. The organizations and evaluation subgraphs learn
 * persons' statuses from the persons subgraph's outbox (docs/CROSS-DISTRICT.md), so each step here
 * waits for its delivery.
 */

const LUCHENG = '330302';
const LONGWAN = '330303';
const RUIAN = '330381';
const YEAR = Number(todayInChina().slice(0, 4));

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id version status } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id version status } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const ADD_ENTRY = `mutation($input: AddToTalentPoolInput!) { addToTalentPool(input: $input) { entry { id } } }`;
const ORGANIZATION = `query($id: ID!) {
  organization(id: $id) {
    memberCount
    allTime: memberCount(activeOnly: false)
    memberStats { running left byRole { role count } joinedPerYear { year count } }
    members(first: 100) { totalCount edges { node { person { id } } } }
    history: members(first: 100, activeOnly: false) { totalCount edges { node { person { id status } } } }
  }
}`;
const MATRIX = `{ crossDistrictMatrix { personDistrict { code } organizationDistrict { code } persons memberships } }`;
const COMPLIANCE = `query($year: Int!) { talentPoolCompliance(year: $year) { district { code } count underReview compliant } }`;
const POOL = `query($f: TalentPoolFilter) { talentPool(filter: $f, first: 100) { totalCount edges { node { person { id } } } } }`;
const RENEW = `mutation($input: RenewTalentPoolInput!) { renewTalentPool(input: $input) { created alreadyPresent notRegistered } }`;

let seq = 0;
describe('archived and moved-away persons in every count', () => {
  let p: TestPlatform;
  const people: Array<{ id: string; version: number; status?: string }> = [];
  let orgId: string;

  /** Waits until the persons subgraph has delivered its outbox to every receiver. */
  const delivered = async () => {
    const persons = p.subgraphs.persons!.services as PersonsServices;
    await persons.outbox.nudge();
    expect(await persons.outbox.pending()).toBe(0);
  };
  const organization = async () => expectData(await p.request(ORGANIZATION, { id: orgId })).organization;
  const cell = async () => {
    const cells = expectData(await p.request(MATRIX)).crossDistrictMatrix;
    const found = cells.find((c: any) => c.personDistrict.code === LUCHENG && c.organizationDistrict.code === LONGWAN);
    return found ? { persons: found.persons, memberships: found.memberships } : null;
  };
  const pool = async () => expectData(await p.request(COMPLIANCE, { year: YEAR })).talentPoolCompliance.find((r: any) => r.district.code === LUCHENG);
  const ids = (edges: any[]) => edges.map((e) => e.node.person.id).sort();

  beforeAll(async () => {
    p = await startTestPlatform();
    for (let i = 0; i < 7; i++) {
      seq += 1;
      const input = { name: `计数${'甲乙丙丁戊己庚'[i]}`, idNumber: makeIdNumber(LUCHENG, '1983-04-05', 300 + seq * 2), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: LUCHENG };
      people.push(expectData(await p.request(REGISTER, { input })).registerPerson.person);
    }
    orgId = expectData(await p.request(CREATE_ORG, { input: { name: '龙湾区计数联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: LONGWAN } })).createOrganization.organization
      .id;
    for (const person of people) {
      expectData(await p.request(ADD, { input: { personId: person.id, organizationId: orgId, role: 'MEMBER', startDate: '2024-01-01' } }));
      expectData(await p.request(ADD_ENTRY, { input: { personId: person.id, level: 'DISTRICT', districtCode: LUCHENG, year: YEAR, reason: '计数测试' } }));
    }
    await delivered();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('counts every registered member and pool entry to begin with', async () => {
    const org = await organization();
    expect(org).toMatchObject({ memberCount: 7, allTime: 7, memberStats: { running: 7, left: 0, byRole: [{ role: 'MEMBER', count: 7 }], joinedPerYear: [{ year: 2024, count: 7 }] } });
    expect(org.members.totalCount).toBe(7);
    expect(await cell()).toEqual({ persons: 7, memberships: 7 });
    expect(await pool()).toMatchObject({ count: 7 });
  });

  it('drops an archived and a moved-away person from memberCount, memberStats, members, the matrix and the pool; the history keeps them', async () => {
    const [archived, moved] = people as [{ id: string; version: number }, { id: string; version: number }];
    people[0] = expectData(await p.request(ARCHIVE, { input: { id: archived.id, expectedVersion: archived.version } })).archivePerson.person;
    people[1] = expectData(await p.request(UPDATE, { input: { id: moved.id, expectedVersion: moved.version, status: 'MOVED_AWAY' } })).updatePerson.person;
    expect([people[0]!.status, people[1]!.status]).toEqual(['ARCHIVED', 'MOVED_AWAY']);
    await delivered();

    const registered = people
      .slice(2)
      .map((x) => x.id)
      .sort();
    const org = await organization();
    expect(org).toMatchObject({ memberCount: 5, allTime: 5, memberStats: { running: 5, left: 0, byRole: [{ role: 'MEMBER', count: 5 }], joinedPerYear: [{ year: 2024, count: 5 }] } });
    expect(org.members.totalCount).toBe(5);
    expect(ids(org.members.edges)).toEqual(registered);
    // The history (activeOnly: false) still lists them, with their status.
    expect(org.history.totalCount).toBe(7);
    const statusOf = new Map(org.history.edges.map((e: any) => [e.node.person.id, e.node.person.status]));
    expect([statusOf.get(archived.id), statusOf.get(moved.id)]).toEqual(['ARCHIVED', 'MOVED_AWAY']);
    expect(await cell()).toEqual({ persons: 5, memberships: 5 });

    // The pool: compliance counts the registered only; its list shows them, the history all.
    expect(await pool()).toMatchObject({ count: 5, compliant: false });
    const listed = expectData(await p.request(POOL, { f: { year: YEAR, districtCode: LUCHENG } })).talentPool;
    expect({ total: listed.totalCount, ids: ids(listed.edges) }).toEqual({ total: 5, ids: registered });
    expect(expectData(await p.request(POOL, { f: { year: YEAR, districtCode: LUCHENG, registeredOnly: false } })).talentPool.totalCount).toBe(7);
    // The renewal does not carry them into next year.
    const renewal = expectData(await p.request(RENEW, { input: { fromYear: YEAR, toYear: YEAR + 1, level: 'DISTRICT', districtCode: LUCHENG } })).renewTalentPool;
    expect(renewal).toEqual({ created: 5, alreadyPresent: 0, notRegistered: 2 });
  });

  it('does not count an archived person again when their district is corrected, and counts a person who moves back', async () => {
    const [archived, moved] = people as [{ id: string; version: number }, { id: string; version: number }];
    people[0] = expectData(await p.request(UPDATE, { input: { id: archived.id, expectedVersion: archived.version, districtCode: RUIAN } })).updatePerson.person;
    expect(people[0]).toMatchObject({ status: 'ARCHIVED' });
    await delivered();
    expect(await organization()).toMatchObject({ memberCount: 5, memberStats: { running: 5 } });
    const cells = expectData(await p.request(MATRIX)).crossDistrictMatrix;
    expect(cells.some((c: any) => c.personDistrict.code === RUIAN)).toBe(false);
    expect(await pool()).toMatchObject({ count: 5 });

    people[1] = expectData(await p.request(UPDATE, { input: { id: moved.id, expectedVersion: moved.version, status: 'ACTIVE' } })).updatePerson.person;
    await delivered();
    expect(await organization()).toMatchObject({ memberCount: 6, memberStats: { running: 6 } });
    expect(await cell()).toEqual({ persons: 6, memberships: 6 });
    expect(await pool()).toMatchObject({ count: 6 });
  });
});
