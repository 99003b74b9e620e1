import { randomIds, systemContext, todayInChina } from '@tongxin/common';
import { MembershipDraft, OrganizationDraft, organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { publishArchived, publishedPersonPool, publishPersons } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) {
  addMembership(input: $input) { membership { id person { id } organization { id name } role startDate endDate endReason active version createdAt } }
}`;
const END = `mutation($input: EndMembershipInput!) {
  endMembership(input: $input) { membership { id role startDate endDate endReason active version } }
}`;
const READ = `query($id: ID!) { membership(id: $id) { id person { id } organization { id } role startDate endDate endReason active version } }`;
const MEMBERS = `query($id: ID!, $activeOnly: Boolean, $first: Int, $after: String) {
  organization(id: $id) {
    members(activeOnly: $activeOnly, first: $first, after: $after) {
      totalCount edges { cursor node { id role active person { id } } } pageInfo { hasNextPage hasPreviousPage endCursor }
    }
  }
}`;
const PERSON_MEMBERSHIPS = `query($r: [_Any!]!, $activeOnly: Boolean) { _entities(representations: $r) { ... on Person {
  id memberships(activeOnly: $activeOnly) { id role active startDate organization { id name kind district { code } } }
} } }`;

const TODAY = todayInChina();

describe('memberships', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let association: string;
  let streetGroup: string;
  /** A person of the register, published to this subgraph's replica (test/harness/published-persons.ts). */
  let newPerson: () => string;
  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    newPerson = await publishedPersonPool(sg.running.services, 1000);
    const create = async (input: Record<string, unknown>) => expectData(await sg.request(CREATE_ORG, { input })).createOrganization.organization.id as string;
    association = await create({ name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330302', foundedOn: '2010-05-04' });
    streetGroup = await create({ name: '五马街道领导小组', kind: 'STREET_LEADING_GROUP', level: 'STREET', districtCode: '330302', streetCode: '330302006' });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const add = async (input: Record<string, unknown>) => expectData(await sg.request(ADD, { input })).addMembership.membership;
  const memberCount = async (organizationId: string, activeOnly = false) =>
    expectData(await sg.request(MEMBERS, { id: organizationId, activeOnly, first: 1 })).organization.members.totalCount as number;

  it('adds a member and reads the membership back from every side', async () => {
    const personId = newPerson();
    const m = await add({ personId, organizationId: association, role: 'VICE_PRESIDENT' });
    expect(m).toMatchObject({
      person: { id: personId },
      organization: { id: association, name: '鹿城区新的社会阶层人士联谊会' },
      role: 'VICE_PRESIDENT',
      startDate: TODAY,
      endDate: null,
      endReason: null,
      active: true,
      version: 1,
    });
    expect(Date.parse(m.createdAt)).not.toBeNaN();
    // The organization's district is kept on the row for cross-district analysis.
    expect(await sg.running.dataSource.query('SELECT district_code FROM membership WHERE id = ?', [m.id])).toEqual([{ district_code: '330302' }]);
    expect(expectData(await sg.request(READ, { id: m.id })).membership).toEqual({
      id: m.id,
      person: { id: personId },
      organization: { id: association },
      role: 'VICE_PRESIDENT',
      startDate: TODAY,
      endDate: null,
      endReason: null,
      active: true,
      version: 1,
    });
    const members = expectData(await sg.request(MEMBERS, { id: association })).organization.members;
    expect(members.edges.map((e: any) => e.node)).toContainEqual({ id: m.id, role: 'VICE_PRESIDENT', active: true, person: { id: personId } });
    const person = expectData(await sg.request(PERSON_MEMBERSHIPS, { r: [{ __typename: 'Person', id: personId }] }))._entities[0];
    expect(person).toEqual({
      id: personId,
      memberships: [
        {
          id: m.id,
          role: 'VICE_PRESIDENT',
          active: true,
          startDate: TODAY,
          organization: { id: association, name: '鹿城区新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', district: { code: '330302' } },
        },
      ],
    });
  });

  it('takes a given start date and working-body roles', async () => {
    const m = await add({ personId: newPerson(), organizationId: streetGroup, role: 'LIAISON', startDate: '2021-03-15' });
    expect(m).toMatchObject({ role: 'LIAISON', startDate: '2021-03-15', active: true });
  });

  it.each([
    ['a working-body role in an association', () => ({ role: 'LEADER' }), 'input.role'],
    ['an association role in a working body', () => ({ organizationId: streetGroup, role: 'PRESIDENT' }), 'input.role'],
    ['a malformed person id', () => ({ personId: 'someone' }), 'input.personId'],
    ['a malformed organization id', () => ({ organizationId: '1234' }), 'input.organizationId'],
    ['a start date in the future', () => ({ startDate: '2999-01-01' }), 'input.startDate'],
    ['a start date before the organization was founded', () => ({ startDate: '2010-05-03' }), 'input.startDate'],
  ])('refuses %s with BAD_USER_INPUT naming the field, and writes nothing', async (_label, overrides, field) => {
    const input = { personId: newPerson(), organizationId: association, role: 'MEMBER', ...overrides() };
    const before = [await memberCount(association), await memberCount(streetGroup)];
    const res = await sg.request(ADD, { input });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect([await memberCount(association), await memberCount(streetGroup)]).toEqual(before);
  });

  it('refuses an impossible date and an unknown role at the GraphQL layer', async () => {
    const input = { personId: newPerson(), organizationId: association, role: 'MEMBER' };
    expect(errorCodes(await sg.request(ADD, { input: { ...input, startDate: '2021-02-30' } }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(ADD, { input: { ...input, role: 'KING' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses an organization that does not exist with NOT_FOUND', async () => {
    const res = await sg.request(ADD, { input: { personId: newPerson(), organizationId: randomIds.next(), role: 'MEMBER' } });
    expect(errorCodes(res)).toEqual(['NOT_FOUND']);
  });

  it('refuses a second running membership of the same person with CONFLICT, and allows one after the first ended', async () => {
    const personId = newPerson();
    const first = await add({ personId, organizationId: association, role: 'MEMBER', startDate: '2015-01-01' });
    const before = await memberCount(association);
    const again = await sg.request(ADD, { input: { personId, organizationId: association, role: 'DIRECTOR' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(await memberCount(association)).toBe(before);

    // The same person may belong to another organization at the same time.
    await add({ personId, organizationId: streetGroup, role: 'MEMBER' });
    expectData(await sg.request(END, { input: { id: first.id, expectedVersion: 1, endDate: '2020-12-31', reason: '换届' } }));
    const second = await add({ personId, organizationId: association, role: 'DIRECTOR', startDate: '2021-01-01' });
    const history = expectData(await sg.request(PERSON_MEMBERSHIPS, { r: [{ __typename: 'Person', id: personId }] }))._entities[0].memberships;
    expect(history.map((m: any) => [m.id, m.role, m.active, m.organization.id])).toEqual([
      [first.id, 'MEMBER', false, association],
      [expect.any(String), 'MEMBER', true, streetGroup],
      [second.id, 'DIRECTOR', true, association],
    ]);
    const running = expectData(await sg.request(PERSON_MEMBERSHIPS, { r: [{ __typename: 'Person', id: personId }], activeOnly: true }))._entities[0].memberships;
    expect(running.map((m: any) => m.role)).toEqual(['MEMBER', 'DIRECTOR']);
  });

  it('lets only one of two simultaneous additions of the same person through', async () => {
    const personId = newPerson();
    const results = await Promise.all(Array.from({ length: 4 }, () => sg.request(ADD, { input: { personId, organizationId: streetGroup, role: 'MEMBER' } })));
    expect(results.map((r) => (r.errors ? errorCodes(r)[0] : 'OK')).sort()).toEqual(['CONFLICT', 'CONFLICT', 'CONFLICT', 'OK']);
    const memberships = expectData(await sg.request(PERSON_MEMBERSHIPS, { r: [{ __typename: 'Person', id: personId }] }))._entities[0].memberships;
    expect(memberships).toHaveLength(1);
  });

  it('ends a membership with the expected version, keeping it as history', async () => {
    const m = await add({ personId: newPerson(), organizationId: association, role: 'SECRETARY_GENERAL', startDate: '2018-06-01' });
    const running = await memberCount(association, true);
    const all = await memberCount(association, false);
    const ended = expectData(await sg.request(END, { input: { id: m.id, expectedVersion: 1, endDate: '2024-06-30', reason: '任期届满' } })).endMembership.membership;
    expect(ended).toEqual({ id: m.id, role: 'SECRETARY_GENERAL', startDate: '2018-06-01', endDate: '2024-06-30', endReason: '任期届满', active: false, version: 2 });
    expect(expectData(await sg.request(READ, { id: m.id })).membership).toMatchObject({ endDate: '2024-06-30', endReason: '任期届满', active: false, version: 2 });
    expect(await memberCount(association, true)).toBe(running - 1);
    expect(await memberCount(association, false)).toBe(all);
    const activeIds = expectData(await sg.request(MEMBERS, { id: association, first: 1000 })).organization.members.edges.map((e: any) => e.node.id);
    expect(activeIds).not.toContain(m.id);

    // Today by default, and no reason needed.
    const other = await add({ personId: newPerson(), organizationId: streetGroup, role: 'DEPUTY_LEADER', startDate: '2019-01-01' });
    const endedToday = expectData(await sg.request(END, { input: { id: other.id, expectedVersion: 1 } })).endMembership.membership;
    expect(endedToday).toMatchObject({ endDate: TODAY, endReason: null, active: false, version: 2 });
  });

  it('refuses to end a membership twice, or from a stale version, with CONFLICT', async () => {
    const m = await add({ personId: newPerson(), organizationId: association, role: 'MEMBER', startDate: '2019-01-01' });
    const wrong = await sg.request(END, { input: { id: m.id, expectedVersion: 7 } });
    expect(errorCodes(wrong)).toEqual(['CONFLICT']);
    expect(wrong.errors![0]!.extensions!.currentVersion).toBe(1);
    expect(expectData(await sg.request(READ, { id: m.id })).membership).toMatchObject({ endDate: null, active: true, version: 1 });
    expectData(await sg.request(END, { input: { id: m.id, expectedVersion: 1, endDate: '2020-01-01' } }));
    const twice = await sg.request(END, { input: { id: m.id, expectedVersion: 2, endDate: '2021-01-01' } });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    const stale = await sg.request(END, { input: { id: m.id, expectedVersion: 1 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.extensions!.currentVersion).toBe(2);
    expect(expectData(await sg.request(READ, { id: m.id })).membership).toMatchObject({ endDate: '2020-01-01', version: 2 });
  });

  it.each([
    ['an end date before the start date', { endDate: '2019-12-31' }, 'input.endDate'],
    ['an end date in the future', { endDate: '2999-01-01' }, 'input.endDate'],
    ['an over-long reason', { reason: '因'.repeat(201) }, 'input.reason'],
  ])('refuses to end with %s (BAD_USER_INPUT naming the field), and changes nothing', async (_label, overrides, field) => {
    const m = await add({ personId: newPerson(), organizationId: association, role: 'MEMBER', startDate: '2020-01-01' });
    const res = await sg.request(END, { input: { id: m.id, expectedVersion: 1, ...overrides } });
    expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual([field]);
    expect(expectData(await sg.request(READ, { id: m.id })).membership).toMatchObject({ endDate: null, active: true, version: 1 });
  });

  it('answers NOT_FOUND for ending an unknown membership, null for reading one, and BAD_USER_INPUT for malformed ids', async () => {
    expect(errorCodes(await sg.request(END, { input: { id: randomIds.next(), expectedVersion: 1 } }))).toEqual(['NOT_FOUND']);
    expect(errorCodes(await sg.request(END, { input: { id: 'x', expectedVersion: 1 } }))).toEqual(['BAD_USER_INPUT']);
    expect(expectData(await sg.request(READ, { id: randomIds.next() })).membership).toBeNull();
    expect(errorCodes(await sg.request(READ, { id: 'x' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('pages through members with keyset cursors, in the order they joined', async () => {
    const org = expectData(await sg.request(CREATE_ORG, { input: { name: '苍南县律师协会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330327' } })).createOrganization.organization
      .id;
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await add({ personId: newPerson(), organizationId: org, role: 'MEMBER', startDate: '2022-01-01' })).id);
    expectData(await sg.request(END, { input: { id: ids[3], expectedVersion: 1, endDate: '2023-01-01' } }));

    const walk = async (activeOnly: boolean) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = expectData(await sg.request(MEMBERS, { id: org, activeOnly, first: 3, after })).organization.members;
        expect(page.pageInfo.hasPreviousPage).toBe(after !== null);
        expect(page.edges.length).toBeLessThanOrEqual(3);
        seen.push(...page.edges.map((e: any) => e.node.id));
        if (!page.pageInfo.hasNextPage) return { seen, totalCount: page.totalCount };
        after = page.pageInfo.endCursor;
      }
    };
    expect(await walk(false)).toEqual({ seen: ids, totalCount: 7 });
    expect(await walk(true)).toEqual({ seen: ids.filter((_, i) => i !== 3), totalCount: 6 });

    expect(errorCodes(await sg.request(MEMBERS, { id: org, first: 0 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(MEMBERS, { id: org, first: 1001 }))).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(await sg.request(MEMBERS, { id: org, after: 'bm9wZQ' }))).toEqual(['BAD_USER_INPUT']);
  });

  describe('only persons of the register (issue 15: a made-up id became a running member)', () => {
    const COUNTS = `query($id: ID!) { organization(id: $id) { memberCount all: memberCount(activeOnly: false) members(activeOnly: false) { totalCount } } }`;
    const CHANGE = `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id role } } }`;
    const counts = async () => expectData(await sg.request(COUNTS, { id: association })).organization;
    const rowsOf = async (personId: string) => (await sg.running.dataSource.query('SELECT COUNT(*) AS n FROM membership WHERE person_id = ?', [personId]))[0].n;

    it('refuses a person id the register never published with BAD_USER_INPUT at input.personId, and writes nothing', async () => {
      const before = await counts();
      const madeUp = randomIds.next();
      const res = await sg.request(ADD, { input: { personId: madeUp, organizationId: association, role: 'MEMBER' } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions!.fields).toEqual([
        { field: 'input.personId', message: expect.stringMatching(/^is not a person of the register known here: check the id\. A person registered a moment ago/) },
      ]);
      expect(res.data?.addMembership ?? null).toBeNull();
      expect(await counts()).toEqual(before);
      expect(Number(await rowsOf(madeUp))).toBe(0);
    });

    it('refuses an archived person (published as registered nowhere) with BAD_USER_INPUT at input.personId, and writes nothing', async () => {
      const archived = newPerson();
      await publishArchived(sg.running.services, archived);
      const before = await counts();
      const res = await sg.request(ADD, { input: { personId: archived, organizationId: association, role: 'MEMBER' } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors![0]!.extensions!.fields).toEqual([{ field: 'input.personId', message: expect.stringMatching(/^is an archived person, no longer in the register/) }]);
      expect(await counts()).toEqual(before);
      expect(Number(await rowsOf(archived))).toBe(0);
    });

    it('names the person with the other problems of the input', async () => {
      const res = await sg.request(ADD, { input: { personId: randomIds.next(), organizationId: association, role: 'LEADER', startDate: '2999-01-01' } });
      expect(res.errors![0]!.extensions!.fields.map((f: { field: string }) => f.field)).toEqual(['input.personId', 'input.role', 'input.startDate']);
    });

    it('adds a registered person, who once archived keeps the membership as it is but takes no new role (CONFLICT)', async () => {
      const before = await counts();
      const registered = newPerson();
      const m = await add({ personId: registered, organizationId: association, role: 'MEMBER', startDate: '2020-01-01' });
      expect(await counts()).toMatchObject({ all: before.all + 1, members: { totalCount: before.members.totalCount + 1 } });
      // Its person's district is copied from the replica (docs/CROSS-DISTRICT.md).
      expect(await sg.running.dataSource.query('SELECT person_district_code FROM membership WHERE id = ?', [m.id])).toEqual([{ person_district_code: '330302' }]);

      await publishArchived(sg.running.services, registered);
      // The replica's change is copied onto the membership, which counts as a change of it.
      const { version } = expectData(await sg.request(READ, { id: m.id })).membership;
      const res = await sg.request(CHANGE, { input: { id: m.id, expectedVersion: version, role: 'DIRECTOR' } });
      expect(errorCodes(res)).toEqual(['CONFLICT']);
      expect(res.errors![0]!.message).toMatch(/is archived, no longer in the register: end the membership rather than change its role\.$/);
      expect(expectData(await sg.request(READ, { id: m.id })).membership).toMatchObject({ role: 'MEMBER', active: true, version });
      expect(Number(await rowsOf(registered))).toBe(1);
      // Ending it is still allowed.
      expect(expectData(await sg.request(END, { input: { id: m.id, expectedVersion: version } })).endMembership.membership).toMatchObject({ active: false });
    });

    it('adds many only of published persons: an unknown one refused in any row, an archived one for a running membership', async () => {
      const ctx = systemContext();
      const [archived, registered] = [newPerson(), newPerson()];
      await publishArchived(sg.running.services, archived);
      const madeUp = randomIds.next();
      const before = await counts();
      await expect(
        sg.running.services.memberships.addMany(ctx, [
          { personId: registered, organizationId: association, role: 'MEMBER', startDate: '2020-01-01' },
          { personId: madeUp, organizationId: association, role: 'MEMBER', startDate: '2020-01-01', endDate: '2021-01-01' },
          { personId: archived, organizationId: association, role: 'MEMBER', startDate: '2020-01-01' },
        ]),
      ).rejects.toMatchObject({
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [
            { field: 'rows[1].personId', message: expect.stringMatching(/^is not a person of the register known here/) },
            { field: 'rows[2].personId', message: expect.stringMatching(/^is an archived person/) },
          ],
        },
      });
      expect(await counts()).toEqual(before);
      expect([Number(await rowsOf(registered)), Number(await rowsOf(madeUp)), Number(await rowsOf(archived))]).toEqual([0, 0, 0]);
      // An ended membership of an archived person is history, and may be recorded.
      const ids = await sg.running.services.memberships.addMany(ctx, [
        { personId: registered, organizationId: association, role: 'MEMBER', startDate: '2020-01-01' },
        { personId: archived, organizationId: association, role: 'MEMBER', startDate: '2015-01-01', endDate: '2019-12-31', endReason: '迁出' },
      ]);
      expect(ids).toHaveLength(2);
      expect([Number(await rowsOf(registered)), Number(await rowsOf(archived))]).toEqual([1, 1]);
    });

    it('takes a person whose publication arrives after a refusal', async () => {
      const late = randomIds.next();
      const input = { personId: late, organizationId: association, role: 'MEMBER' };
      expect(errorCodes(await sg.request(ADD, { input }))).toEqual(['BAD_USER_INPUT']);
      await publishPersons(sg.running.services, [late], '330303');
      expect(await add(input)).toMatchObject({ person: { id: late }, active: true });
      expect(await sg.running.dataSource.query('SELECT person_district_code FROM membership WHERE person_id = ?', [late])).toEqual([{ person_district_code: '330303' }]);
    });
  });

  it('adds many memberships at once, all or nothing, including ended ones', async () => {
    const ctx = systemContext();
    const [org] = await sg.running.services.organizations.createMany(ctx, [
      { name: '文成县新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330328', foundedOn: '2012-01-01' } as OrganizationDraft,
    ]);
    const [p1, p2, p3] = [newPerson(), newPerson(), newPerson()];
    const ids = await sg.running.services.memberships.addMany(ctx, [
      { personId: p1, organizationId: org, role: 'PRESIDENT', startDate: '2012-01-01' },
      { personId: p2, organizationId: org, role: 'MEMBER', startDate: '2013-01-01', endDate: '2016-01-01', endReason: '迁出' },
      { personId: p2, organizationId: org, role: 'DIRECTOR', startDate: '2016-01-01' },
    ]);
    expect(ids).toHaveLength(3);
    expect(expectData(await sg.request(READ, { id: ids[1] })).membership).toMatchObject({ role: 'MEMBER', endDate: '2016-01-01', endReason: '迁出', active: false });
    expect(await memberCount(org!, true)).toBe(2);
    expect(await memberCount(org!, false)).toBe(3);

    const refused = async (drafts: MembershipDraft[], fields: string[]) => {
      await expect(sg.running.services.memberships.addMany(ctx, drafts)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', fields: fields.map((field) => ({ field, message: expect.any(String) })) },
      });
      expect(await memberCount(org!, false)).toBe(3);
    };
    await refused(
      [
        { personId: p3, organizationId: org, role: 'MEMBER' },
        { personId: p3, organizationId: org, role: 'DIRECTOR' },
        { personId: p3, organizationId: org, role: 'LEADER' },
        { personId: p3, organizationId: randomIds.next(), role: 'MEMBER' },
        { personId: p3, organizationId: org, role: 'MEMBER', startDate: '2011-12-31', endDate: '2011-12-01' },
        { personId: p3, organizationId: org, role: 'MEMBER', endReason: '无' },
      ],
      ['rows[1].personId', 'rows[2].role', 'rows[3].organizationId', 'rows[4].startDate', 'rows[4].endDate', 'rows[5].endReason'],
    );
    await refused(
      [
        { personId: p3, organizationId: org, role: 'MEMBER' },
        { personId: p1, organizationId: org, role: 'MEMBER' },
      ],
      ['rows[1].personId'],
    );
  });

  it('resolves the memberships of 200 persons with as few SQL statements as of 10', async () => {
    const ctx = systemContext();
    const orgs = await sg.running.services.organizations.createMany(
      ctx,
      Array.from(
        { length: 5 },
        (_, i) => ({ name: `平阳县第${i}联谊小组`, kind: 'COMMUNITY_GROUP', level: 'COMMUNITY', districtCode: '330326', streetCode: '330326100', community: `第${i}社区` }) as OrganizationDraft,
      ),
    );
    const persons = Array.from({ length: 200 }, () => newPerson());
    await sg.running.services.memberships.addMany(
      ctx,
      persons.flatMap((personId, i) => [
        { personId, organizationId: orgs[i % 5], role: 'MEMBER', startDate: '2020-01-01' },
        { personId, organizationId: orgs[(i + 1) % 5], role: 'DIRECTOR', startDate: '2019-01-01', endDate: '2020-01-01' },
      ]),
    );
    const run = (ids: string[]) => sg.statements(() => sg.request(PERSON_MEMBERSHIPS, { r: ids.map((id) => ({ __typename: 'Person', id })) }));
    const small = await run(persons.slice(0, 10));
    const large = await run(persons);
    const entities = expectData(large.result)._entities;
    expect(entities).toHaveLength(200);
    expect(entities[6].memberships.map((m: any) => [m.role, m.active, m.organization.id])).toEqual([
      ['MEMBER', true, orgs[1]],
      ['DIRECTOR', false, orgs[2]],
    ]);
    expect(large.statements).toBe(small.statements);
    // The memberships, then their organizations: two statements.
    expect(large.statements).toBe(2);
  });
});
