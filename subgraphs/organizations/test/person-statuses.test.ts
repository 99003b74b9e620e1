import { randomIds, systemContext } from '@tongxin/common';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The replica of persons' districts and statuses (docs/CROSS-DISTRICT.md) and the rule it serves
 * (DOMAIN.md, "Counting people"): a membership counts while its person is not known to have left
 * the register. Through the gateway, with the persons subgraph's outbox: test/registered-counts.test.ts.
 */

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const COUNT = `query($id: ID!) { organization(id: $id) { memberCount members(first: 100) { totalCount } memberStats { running } } }`;
const MATRIX = `{ crossDistrictMatrix { personDistrict { code } organizationDistrict { code } persons } }`;

describe("the replica of persons' statuses in the organizations subgraph", () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let orgId: string;
  const [registered, leaving, unknown, legacy] = Array.from({ length: 4 }, () => randomIds.next()) as [string, string, string, string];
  const apply = (changes: Array<{ personId: string; districtCode: string | null; status?: string; version: number }>) => sg.running.services.relations.applyPersonDistricts(systemContext(), changes);
  const counts = async () => {
    const org = expectData(await sg.request(COUNT, { id: orgId })).organization;
    return { memberCount: org.memberCount, listed: org.members.totalCount, running: org.memberStats.running };
  };
  const rows = async (personId: string) => ({
    replica: await sg.running.dataSource.query('SELECT district_code AS d, status, person_version AS v FROM member_district WHERE person_id = ?', [personId]),
    memberships: await sg.running.dataSource.query('SELECT person_district_code AS d, person_status AS status FROM membership WHERE person_id = ?', [personId]),
  });

  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    orgId = expectData(await sg.request(CREATE_ORG, { input: { name: '状态联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330303' } })).createOrganization.organization.id;
    expect(await apply([registered, leaving, unknown].map((personId) => ({ personId, districtCode: '330302', status: 'ACTIVE', version: 1 })))).toBe(3);
    // A row the replica stored before statuses were published: a district, no status.
    await sg.running.dataSource.query("INSERT INTO member_district (person_id, district_code, person_version, status) VALUES (?, '330302', 5, NULL)", [legacy]);
    for (const personId of [registered, leaving, unknown, legacy]) {
      expectData(await sg.request(ADD, { input: { personId, organizationId: orgId, role: 'MEMBER', startDate: '2024-01-01' } }));
    }
    // A membership recorded before its person was known here (addMembership now refuses such a
    // person; older data may hold one): the replica has no row, the membership no status.
    await sg.running.dataSource.query('DELETE FROM member_district WHERE person_id = ?', [unknown]);
    await sg.running.dataSource.query('UPDATE membership SET person_district_code = NULL, person_status = NULL WHERE person_id = ?', [unknown]);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('counts registered persons, and persons it has not heard of yet', async () => {
    expect(await counts()).toEqual({ memberCount: 4, listed: 4, running: 4 });
    expect(await rows(leaving)).toEqual({ replica: [{ d: '330302', status: 'ACTIVE', v: 1 }], memberships: [{ d: '330302', status: 'ACTIVE' }] });
    expect(await rows(unknown)).toEqual({ replica: [], memberships: [{ d: null, status: null }] });
  });

  it('drops a person who moved away from the counts and the matrix, and takes no older change', async () => {
    expect(await apply([{ personId: leaving, districtCode: '330302', status: 'MOVED_AWAY', version: 2 }])).toBe(1);
    expect(await rows(leaving)).toEqual({ replica: [{ d: '330302', status: 'MOVED_AWAY', v: 2 }], memberships: [{ d: null, status: 'MOVED_AWAY' }] });
    expect(await counts()).toEqual({ memberCount: 3, listed: 3, running: 3 });
    const cell = expectData(await sg.request(MATRIX)).crossDistrictMatrix.find((c: any) => c.personDistrict.code === '330302' && c.organizationDistrict.code === '330303');
    expect(cell.persons).toBe(2); // `registered` and `legacy`; `unknown` has no district to count in
    // An older or repeated event changes nothing.
    expect(await apply([{ personId: leaving, districtCode: '330302', status: 'ACTIVE', version: 1 }])).toBe(0);
    expect(await apply([{ personId: leaving, districtCode: '330302', status: 'ACTIVE', version: 2 }])).toBe(0);
    expect(await counts()).toEqual({ memberCount: 3, listed: 3, running: 3 });
  });

  it('fills in the status of a row stored without one from a republication at the same version, once', async () => {
    expect(await apply([{ personId: legacy, districtCode: null, status: 'ARCHIVED', version: 5 }])).toBe(1);
    expect(await rows(legacy)).toEqual({ replica: [{ d: null, status: 'ARCHIVED', v: 5 }], memberships: [{ d: null, status: 'ARCHIVED' }] });
    expect(await apply([{ personId: legacy, districtCode: '330302', status: 'ACTIVE', version: 5 }])).toBe(0);
    expect(await counts()).toEqual({ memberCount: 2, listed: 2, running: 2 });
  });

  it('reads an event without a status as its district says (published before statuses were)', async () => {
    const old = randomIds.next();
    expect(await apply([{ personId: old, districtCode: null, version: 3 }])).toBe(1);
    expect((await rows(old)).replica).toEqual([{ d: null, status: 'ARCHIVED', v: 3 }]);
  });

  it('refuses a status it does not know, and a registered person without a district, naming them', async () => {
    await expect(
      apply([
        { personId: registered, districtCode: '330302', status: 'GONE', version: 9 },
        { personId: registered, districtCode: null, status: 'ACTIVE', version: 9 },
      ]),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'changes[0].status' }, { field: 'changes[1].districtCode' }] } });
    expect((await rows(registered)).replica).toEqual([{ d: '330302', status: 'ACTIVE', v: 1 }]);
  });
});
