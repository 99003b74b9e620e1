import { makeIdNumber, randomIds, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 15 §1: addMembership accepted anyone (a made-up person id became a running member and
 * raised memberCount; archived persons could be added). Through the gateway, with the persons and
 * organizations subgraphs as they run: organizations takes only persons its replica of the
 * register knows (docs/CROSS-DISTRICT.md), and an archived person, published as registered
 * nowhere, is refused. Each refusal names input.personId and writes nothing.
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const ARCHIVE = `mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { id status } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id active person { id name } } } }`;
const COUNTS = `query($id: ID!) { organization(id: $id) { memberCount all: memberCount(activeOnly: false) members(activeOnly: false) { totalCount } } }`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 1000) { edges { node { action outcome detail } } } }`;

describe('addMembership takes persons of the register only, through the gateway', () => {
  let p: TestPlatform;
  let org: string;
  let seq = 0;
  const register = async (name: string) => {
    seq += 1;
    const input = { name, idNumber: makeIdNumber('330324', '1979-03-04', 700 + seq * 2), politicalAffiliation: 'NON_PARTY', category: 'SELF_EMPLOYED', districtCode: '330324' };
    return expectData(await p.request(REGISTER, { input })).registerPerson.person as { id: string; version: number };
  };
  const counts = async () => expectData(await p.request(COUNTS, { id: org })).organization;
  const rows = async () => Number((await p.subgraphs.organizations!.dataSource.query('SELECT COUNT(*) AS n FROM membership'))[0].n);
  const add = (personId: string, headers?: Record<string, string>) => p.request(ADD, { input: { personId, organizationId: org, role: 'MEMBER' } }, headers);
  const addAudits = async (): Promise<Array<{ outcome: string; detail: string | null }>> =>
    expectData(await p.request(AUDIT, { f: { subgraph: 'organizations', action: 'addMembership' } })).auditEvents.edges.map((e: { node: unknown }) => e.node);

  beforeAll(async () => {
    p = await startTestPlatform();
    org = expectData(await p.request(CREATE_ORG, { input: { name: '永嘉县新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330324' } })).createOrganization
      .organization.id;
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('adds a person registered a moment before, and counts them', async () => {
    const before = await counts();
    const person = await register('陈立');
    const added = expectData(await add(person.id)).addMembership.membership;
    expect(added).toMatchObject({ active: true, person: { id: person.id, name: '陈立' } });
    expect(await counts()).toEqual({ memberCount: before.memberCount + 1, all: before.all + 1, members: { totalCount: before.members.totalCount + 1 } });
  });

  it.each([
    ['a city administrator', {}],
    ['a district administrator of the district', { role: Role.DISTRICT_ADMIN, district: '330324' }],
  ])('refuses a made-up person id (%s) with BAD_USER_INPUT at input.personId, and writes nothing but the audit event', async (_label, claims) => {
    const headers = 'role' in claims ? { authorization: `Bearer ${await tokenFor(claims as Parameters<typeof tokenFor>[0])}` } : undefined;
    const refusedInput = async () => (await addAudits()).filter((e) => e.outcome === 'FAILED' && e.detail === 'BAD_USER_INPUT: invalid input.personId').length;
    const [before, rowsBefore, auditsBefore, refusedBefore] = [await counts(), await rows(), (await addAudits()).length, await refusedInput()];
    const res = await add(randomIds.next(), headers);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions).toMatchObject({ field: 'input.personId', fields: [{ field: 'input.personId', message: expect.stringMatching(/^is not a person of the register known here/) }] });
    expect(res.data?.addMembership ?? null).toBeNull();
    expect([await counts(), await rows()]).toEqual([before, rowsBefore]);
    expect(await addAudits()).toHaveLength(auditsBefore + 1);
    expect(await refusedInput()).toBe(refusedBefore + 1);
  });

  it('refuses a person archived in the register, once the archiving is delivered, and writes nothing', async () => {
    const person = await register('周衡');
    expect(expectData(await p.request(ARCHIVE, { input: { id: person.id, expectedVersion: person.version } })).archivePerson.person.status).toBe('ARCHIVED');
    const [before, rowsBefore] = [await counts(), await rows()];
    const res = await add(person.id);
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields).toEqual([{ field: 'input.personId', message: expect.stringMatching(/^is an archived person, no longer in the register/) }]);
    expect([await counts(), await rows()]).toEqual([before, rowsBefore]);
  });
});
