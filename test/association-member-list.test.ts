import { makeIdNumber, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { expectData, expectEntityOutcomes, postGraphQL } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 15 §1: an association administrator's member list, once a member has changed role and
 * then left. The member who left appears twice (the membership of the old role and that of the
 * new one), both refused to this administrator (it reads running members only): under the
 * graphql-jit executor the persons subgraph answered one more `_entities` element than it was
 * sent, and the gateway answered INTERNAL_SERVER_ERROR with every name null. Every name must be
 * answered, or refused per person (FORBIDDEN on that person's path), the rest untouched.
 * Also §2: the list is two hops (the persons subgraph reads who runs where from its own replica).
 */

const OWN = '330302'; // 鹿城区

const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
  createOrganization: `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`,
  add: `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`,
  change: `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id version } } }`,
  end: `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id active } } }`,
  members: `query($id: ID!) { organization(id: $id) { members(activeOnly: false) { totalCount edges { node { id role active person { id name } } } } } }`,
};

describe("an association administrator's member list after a member changed role and left", () => {
  let p: TestPlatform;
  let org: string;
  let association: Record<string, string>;
  const persons: Array<{ id: string; name: string }> = [];
  const city = async (query: string, variables: Record<string, unknown>) => expectData(await p.request(query, variables));

  beforeAll(async () => {
    p = await startTestPlatform();
    const names = ['林晓', '陈静', '王海'];
    for (const [i, name] of names.entries()) {
      const input = {
        name,
        idNumber: makeIdNumber(OWN, '1981-04-09', 500 + i * 2),
        mobile: '13912345678',
        politicalAffiliation: 'NON_PARTY',
        category: 'INTERMEDIARY',
        profession: 'LAWYER',
        districtCode: OWN,
      };
      persons.push({ id: (await city(Q.register, { input })).registerPerson.person.id, name });
    }
    org = (await city(Q.createOrganization, { input: { name: '鹿城区新联会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: OWN } })).createOrganization.organization.id;
    association = { authorization: `Bearer ${await tokenFor({ role: Role.ASSOCIATION_ADMIN, org })}` };
    const add = async (person: number, startDate: string) =>
      expectData(await p.request(Q.add, { input: { personId: persons[person]!.id, organizationId: org, role: 'MEMBER', startDate } }, association)).addMembership.membership;
    // Person 0 joins, becomes secretary-general and leaves; then persons 1 and 2 join. The list
    // (in the order memberships were made) names person 0 twice, first: the gateway sends the
    // persons subgraph [0, 0, 1, 2], where jit answered five elements for four.
    const m0 = await add(0, '2021-01-01');
    const changed = expectData(await p.request(Q.change, { input: { id: m0.id, expectedVersion: m0.version, role: 'SECRETARY_GENERAL', changedOn: '2023-01-01', termEnd: '2028-01-01' } }, association))
      .changeMembershipRole.membership;
    expectData(await p.request(Q.end, { input: { id: changed.id, expectedVersion: changed.version, reason: '本人申请退出' } }, association));
    await add(1, '2024-02-01');
    await add(2, '2024-03-01');
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('answers every running member by name and refuses the member who left on their own rows only, with no INTERNAL_SERVER_ERROR', async () => {
    const res = await p.request(Q.members, { id: org }, association);
    expect((res.errors ?? []).map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    const edges = res.data!.organization.members.edges as Array<{ node: { role: string; active: boolean; person: { id: string; name: string } | null } }>;
    expect(res.data!.organization.members.totalCount).toBe(4);
    expect(edges).toHaveLength(4);
    const byPerson = (i: number) => edges.flatMap((e, at) => (e.node.person?.id === persons[i]!.id || (e.node.person === null && !e.node.active) ? [at] : []));
    // The two running members are read by name.
    for (const i of [1, 2]) {
      const rows = edges.filter((e) => e.node.person?.id === persons[i]!.id);
      expect(rows).toEqual([{ node: expect.objectContaining({ active: true, person: { id: persons[i]!.id, name: persons[i]!.name } }) }]);
    }
    // The member who left: both memberships (the old role and the new), each refused on its own path.
    const left = edges.flatMap((e, at) => (e.node.active ? [] : [at]));
    expect(left).toHaveLength(2);
    expect(byPerson(0)).toEqual(left);
    for (const at of left) {
      expect(edges[at]!.node.person).toBeNull();
      const errors = (res.errors ?? []).filter((e) => e.path?.join('.').startsWith(`organization.members.edges.${at}.node.person`));
      expect(errors.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    }
    expect((res.errors ?? []).map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });

  it('has the persons subgraph answer as many `_entities` as it was sent, a refused person repeated included', async () => {
    const ids = persons.map((x) => x.id);
    for (const order of [
      [0, 0, 1, 2],
      [0, 0, 1],
      [1, 0, 0],
      [0, 1, 0, 2],
    ]) {
      const res = await postGraphQL(
        p.subgraphs.persons!.url,
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id name } } }',
        { r: order.map((i) => ({ __typename: 'Person', id: ids[i] })) },
        association,
      );
      expect((res.data as { _entities: unknown[] })._entities).toHaveLength(order.length);
      expectEntityOutcomes(
        res,
        order.map((i) => (i === 0 ? 'FORBIDDEN' : 'ok')),
        (at) => ({ id: ids[order[at]!], name: persons[order[at]!]!.name }),
      );
    }
  });

  it('reads the list in two hops: organizations once, persons once, and persons asks no other subgraph', async () => {
    const requests = () => Object.fromEntries(Object.entries(p.subgraphs).map(([name, s]) => [name, s.http.graphqlRequests()]));
    const before = requests();
    const res = await p.request(Q.members, { id: org }, association);
    expect(res.data!.organization.members.edges).toHaveLength(4);
    const after = requests();
    expect(Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]))).toEqual({ persons: 1, organizations: 1, activities: 0, evaluation: 0 });
  });

  it('answers the city administrator every name, the member who left included', async () => {
    const edges = expectData(await p.request(Q.members, { id: org })).organization.members.edges as Array<{ node: { person: { id: string; name: string } } }>;
    expect(edges.map((e) => e.node.person.name).sort()).toEqual(['林晓', '林晓', '王海', '陈静'].sort());
  });

  it('follows the memberships as the organizations subgraph publishes them: a member who leaves is refused, one who joins is read', async () => {
    const running = `query($id: ID!) { organization(id: $id) { members { edges { node { id version person { id name } } } } } }`;
    const edges = async () => (await p.request(running, { id: org }, association)).data!.organization.members.edges as Array<{ node: { id: string; version: number; person: { id: string } | null } }>;
    const ofPerson1 = (await edges()).find((e) => e.node.person?.id === persons[1]!.id)!.node;
    expectData(await p.request(Q.end, { input: { id: ofPerson1.id, expectedVersion: ofPerson1.version } }, association));
    const person1 = `query($id: ID!) { person(id: $id) { id name } }`;
    expect((await p.request(person1, { id: persons[1]!.id }, association)).errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expectData(await p.request(Q.add, { input: { personId: persons[1]!.id, organizationId: org, role: 'MEMBER', startDate: '2025-05-01' } }, association));
    expect(expectData(await p.request(person1, { id: persons[1]!.id }, association)).person).toEqual({ id: persons[1]!.id, name: persons[1]!.name });
  });
});
