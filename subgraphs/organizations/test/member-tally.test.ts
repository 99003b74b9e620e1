import { CountingTypeOrmLogger, createTallies, dropTallies, randomIds, systemContext, tallyDrift } from '@tongxin/common';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { MEMBERSHIP_TALLY, MEMBERSHIP_TALLY_SPECS } from '../src/stats/member-tally';
import type { MemberStatRow } from '../src/stats/stats.service';
import { expectData } from '../../../test/harness/graphql-client';
import { publishedPersonPool } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * memberStats and memberCount from the membership tally kept by triggers (issue 16 §4;
 * src/stats/member-tally.ts): after every way memberships are written the tally equals a GROUP BY
 * of the memberships, memberStats' rows equal those of the GROUP BY it ran before, the requests
 * the tally answers read it and not the membership table, and the count the tally cannot answer
 * (the whole history of anyone) still counts the memberships.
 */

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`;
const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id version } } }`;
const CHANGE = `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id version } } }`;
const STATS = `{ organizations(first: 10) { edges { node {
  id memberCount allTime: memberCount(activeOnly: false) members(first: 1) { totalCount }
  memberStats { running left roleChanges suppressed byRole { role count suppressed } joinedPerYear { year count suppressed } leftPerYear { year count suppressed } }
} } } }`;
const HISTORY = `query($id: ID!) { organization(id: $id) { members(first: 1, activeOnly: false) { totalCount } } }`;

const byKey = (rows: readonly MemberStatRow[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe('member statistics from the membership tally', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let dialect: 'mysql' | 'sqlite';
  let newPerson: () => string;
  const orgs: string[] = [];
  const sql = (text: string, params: unknown[] = []) => sg.running.dataSource.query(text, params) as Promise<Array<Record<string, unknown>>>;
  const drift = () => tallyDrift(sg.running.dataSource, MEMBERSHIP_TALLY_SPECS, MEMBERSHIP_TALLY, dialect);
  const stats = () => sg.running.services.stats;
  /** Both paths over every organization of the test: the tally's rows and the GROUP BY's. */
  const bothPaths = async () => ({
    tally: byKey(await stats().memberStatRows(systemContext(), orgs)),
    groupBy: byKey(await stats().memberStatRowsFromMemberships(systemContext(), orgs)),
  });
  /** After a write: no drift, and the tally's answer is the GROUP BY's. */
  const exact = async () => {
    expect(await drift()).toEqual([]);
    const { tally, groupBy } = await bothPaths();
    expect(tally).toEqual(groupBy);
    return tally;
  };
  const add = async (input: Record<string, unknown>) => expectData(await sg.request(ADD, { input })).addMembership.membership as { id: string; version: number };
  const createOrg = async (input: Record<string, unknown>) => expectData(await sg.request(CREATE_ORG, { input })).createOrganization.organization.id as string;
  const publish = (personId: string, status: string, version: number) =>
    sg.running.services.relations.applyPersonDistricts(systemContext(), [{ personId, districtCode: status === 'ACTIVE' ? '330302' : null, status, version }]);

  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    dialect = String(sg.running.dataSource.options.type).includes('sqlite') ? 'sqlite' : 'mysql';
    newPerson = await publishedPersonPool(sg.running.services, 100);
    orgs.push(await createOrg({ name: '鹿城区统计联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330302', foundedOn: '2010-05-04' }));
    orgs.push(await createOrg({ name: '龙湾区统计商会', kind: 'INDUSTRY_ASSOCIATION', level: 'DISTRICT', districtCode: '330303' }));
    orgs.push(await createOrg({ name: '没有成员的联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330304' }));
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('is made by the migration, empty for an empty register', async () => {
    expect(await sql(`SELECT COUNT(*) AS n FROM ${MEMBERSHIP_TALLY}`)).toEqual([{ n: expect.anything() }]);
    expect(await exact()).toEqual([]);
  });

  it('follows addMembership', async () => {
    await add({ personId: newPerson(), organizationId: orgs[0], role: 'PRESIDENT', startDate: '2019-03-01' });
    await add({ personId: newPerson(), organizationId: orgs[0], role: 'MEMBER', startDate: '2019-07-01' });
    await add({ personId: newPerson(), organizationId: orgs[0], role: 'MEMBER', startDate: '2021-01-01' });
    await add({ personId: newPerson(), organizationId: orgs[1], role: 'MEMBER', startDate: '2020-02-02' });
    const rows = await exact();
    expect(rows.filter((r) => r.organizationId === orgs[0])).toEqual(
      byKey([
        { organizationId: orgs[0]!, role: 'PRESIDENT', startYear: '2019', endYear: null, joined: 1, leaving: 1, count: 1 },
        { organizationId: orgs[0]!, role: 'MEMBER', startYear: '2019', endYear: null, joined: 1, leaving: 1, count: 1 },
        { organizationId: orgs[0]!, role: 'MEMBER', startYear: '2021', endYear: null, joined: 1, leaving: 1, count: 1 },
      ]),
    );
  });

  it('follows addMany, ended memberships and an archived person’s history included', async () => {
    const archived = newPerson();
    await publish(archived, 'ARCHIVED', 2);
    await sg.running.services.memberships.addMany(systemContext(), [
      { personId: newPerson(), organizationId: orgs[0], role: 'MEMBER', startDate: '2019-05-05' },
      { personId: newPerson(), organizationId: orgs[0], role: 'DIRECTOR', startDate: '2015-01-01', endDate: '2018-06-30', endReason: '迁出' },
      { personId: newPerson(), organizationId: orgs[1], role: 'DIRECTOR', startDate: '2016-01-01', endDate: '2019-01-01', endReason: '迁出' },
      // History of a person who left the register: stored, not counted.
      { personId: archived, organizationId: orgs[1], role: 'MEMBER', startDate: '2012-01-01', endDate: '2014-12-31', endReason: '迁出' },
    ]);
    const rows = await exact();
    expect(rows.find((r) => r.organizationId === orgs[0] && r.role === 'MEMBER' && r.startYear === '2019')!.count).toBe(2);
    expect(rows.find((r) => r.organizationId === orgs[0] && r.role === 'DIRECTOR')).toEqual({
      organizationId: orgs[0],
      role: 'DIRECTOR',
      startYear: '2015',
      endYear: '2018',
      joined: 1,
      leaving: 1,
      count: 1,
    });
    expect(rows.some((r) => r.startYear === '2012')).toBe(false);
  });

  it('follows endMembership and changeMembershipRole', async () => {
    const ending = await add({ personId: newPerson(), organizationId: orgs[1], role: 'MEMBER', startDate: '2022-04-01' });
    await exact();
    expectData(await sg.request(END, { input: { id: ending.id, expectedVersion: ending.version, endDate: '2024-06-30', reason: '退会' } }));
    const person = newPerson();
    const changing = await add({ personId: person, organizationId: orgs[0], role: 'MEMBER', startDate: '2020-01-01' });
    const changed = expectData(await sg.request(CHANGE, { input: { id: changing.id, expectedVersion: changing.version, role: 'VICE_PRESIDENT', changedOn: '2023-09-01' } })).changeMembershipRole
      .membership;
    const rows = await exact();
    expect(rows.filter((r) => r.organizationId === orgs[0] && (r.role === 'VICE_PRESIDENT' || r.startYear === '2020'))).toEqual(
      byKey([
        // Ended by the change of role: joined, not left.
        { organizationId: orgs[0]!, role: 'MEMBER', startYear: '2020', endYear: '2023', joined: 1, leaving: 0, count: 1 },
        // Began with the change of role: not joined, running.
        { organizationId: orgs[0]!, role: 'VICE_PRESIDENT', startYear: '2023', endYear: null, joined: 0, leaving: 1, count: 1 },
      ]),
    );
    expect(rows.find((r) => r.organizationId === orgs[1] && r.startYear === '2022')).toMatchObject({ endYear: '2024', joined: 1, leaving: 1, count: 1 });
    // The new role ended too.
    expectData(await sg.request(END, { input: { id: changed.id, expectedVersion: changed.version, endDate: '2024-01-31' } }));
    expect((await exact()).find((r) => r.role === 'VICE_PRESIDENT')).toMatchObject({ startYear: '2023', endYear: '2024', joined: 0, leaving: 1, count: 1 });
  });

  it('follows persons’ statuses from the persons subgraph: a person who leaves the register stops counting, one who comes back counts again', async () => {
    const mover = newPerson();
    await add({ personId: mover, organizationId: orgs[1], role: 'PRESIDENT', startDate: '2018-08-08' });
    const withMover = await exact();
    expect(withMover.find((r) => r.organizationId === orgs[1] && r.role === 'PRESIDENT')).toMatchObject({ count: 1 });
    await publish(mover, 'MOVED_AWAY', 2);
    expect((await exact()).find((r) => r.organizationId === orgs[1] && r.role === 'PRESIDENT')).toBeUndefined();
    await publish(mover, 'ACTIVE', 3);
    expect(await exact()).toEqual(withMover);
    await publish(mover, 'ARCHIVED', 4);
    expect((await exact()).find((r) => r.organizationId === orgs[1] && r.role === 'PRESIDENT')).toBeUndefined();
  });

  it('follows any other write of the table, and a rolled-back write leaves it as it was', async () => {
    // A membership stored before its person was known here (older data): no status, counted.
    const [m] = await sql('SELECT id FROM membership WHERE organization_id = ? AND role = ? LIMIT 1', [orgs[1], 'PRESIDENT']);
    await sql('UPDATE membership SET person_status = NULL, person_district_code = NULL WHERE id = ?', [m!.id]);
    expect((await exact()).find((r) => r.organizationId === orgs[1] && r.role === 'PRESIDENT')).toMatchObject({ count: 1 });
    const before = await exact();
    await expect(
      sg.running.dataSource.transaction(async (tx) => {
        await tx.query('UPDATE membership SET role = ? WHERE organization_id = ?', ['DIRECTOR', orgs[0]]);
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await exact()).toEqual(before);
    // A refused addMany (a running membership twice) writes nothing.
    const twice = newPerson();
    await expect(
      sg.running.services.memberships.addMany(systemContext(), [
        { personId: twice, organizationId: orgs[0], role: 'MEMBER', startDate: '2020-01-01' },
        { personId: twice, organizationId: orgs[0], role: 'MEMBER', startDate: '2021-01-01' },
      ]),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await exact()).toEqual(before);
  });

  it('is filled by the migration from the memberships there (the backfill)', async () => {
    const before = await exact();
    expect(before.length).toBeGreaterThan(5);
    await dropTallies(sg.running.dataSource, MEMBERSHIP_TALLY_SPECS, dialect);
    await createTallies(sg.running.dataSource, MEMBERSHIP_TALLY_SPECS, dialect);
    expect(await exact()).toEqual(before);
  });

  describe('requests', () => {
    let spy: jest.SpyInstance | undefined;
    let statements: string[] = [];
    beforeAll(() => {
      const original = CountingTypeOrmLogger.prototype.logQuery;
      spy = jest.spyOn(CountingTypeOrmLogger.prototype, 'logQuery').mockImplementation(function (this: CountingTypeOrmLogger, query: string, parameters?: unknown[]) {
        statements.push(query);
        return original.call(this, query, parameters);
      });
    });
    afterAll(() => spy?.mockRestore());
    const recorded = async <T>(work: () => Promise<T>) => {
      statements = [];
      const result = await work();
      return { result, statements: [...statements] };
    };
    /** A statement that reads the membership table itself (not the tally). */
    const readsMemberships = (s: string) => /\b(FROM|JOIN)\s+[`"]?membership[`"]?(\s|$)/i.test(s);
    const readsTally = (s: string) => new RegExp(`\\bFROM\\s+[\`"]?${MEMBERSHIP_TALLY}[\`"]?`, 'i').test(s);
    /** What the memberships give for an organization, counted as memberCount counted them before the tally. */
    const counted = async (organizationId: string, runningOnly: boolean) =>
      Number(
        (
          await sql(`SELECT COUNT(*) AS n FROM membership WHERE organization_id = ? AND (person_status IS NULL OR person_status = 'ACTIVE')${runningOnly ? ' AND end_date IS NULL' : ''}`, [
            organizationId,
          ])
        )[0]!.n,
      );

    it('memberStats, memberCount and the running list’s totalCount read the tally, one statement each for all organizations, with the numbers of the GROUP BY', async () => {
      const { result, statements: sent } = await recorded(() => sg.request(STATS));
      const answers = (expectData(result).organizations.edges as Array<{ node: Record<string, any> }>).map((e) => e.node);
      expect(sent.filter(readsMemberships)).toEqual([]);
      // memberStats' rows, and memberCount with the running list's totalCount (one loader key), and memberCount(activeOnly: false).
      expect(sent.filter(readsTally)).toHaveLength(3);
      const groupBy = await stats().memberStatRowsFromMemberships(systemContext(), orgs);
      for (const [i, org] of answers.entries()) {
        expect(org.id).toBe(orgs[i]);
        const rows = groupBy.filter((r) => r.organizationId === org.id);
        const expected = stats().memberStats(systemContext(), { id: org.id, districtCode: '330302' }, rows);
        expect(org.memberStats).toEqual(JSON.parse(JSON.stringify(expected)));
        expect(org.memberCount).toBe(await counted(org.id, true));
        expect(org.members.totalCount).toBe(await counted(org.id, true));
        expect(org.allTime).toBe(await counted(org.id, false));
      }
      expect(answers.map((o) => o.memberStats.running)).toEqual([4, 2, 0]);
      expect(answers.map((o) => o.memberCount)).toEqual([4, 2, 0]);
    });

    it('counts the whole history of anyone (members(activeOnly: false).totalCount) from the memberships: the tally does not hold it', async () => {
      const { result, statements: sent } = await recorded(() => sg.request(HISTORY, { id: orgs[1] }));
      const total = expectData(result).organization.members.totalCount;
      expect(sent.filter(readsMemberships).length).toBeGreaterThan(0);
      expect(total).toBe(Number((await sql('SELECT COUNT(*) AS n FROM membership WHERE organization_id = ?', [orgs[1]]))[0]!.n));
      // Persons who left the register are in the history and not in the tally's counts.
      expect(total).toBeGreaterThan(await counted(orgs[1]!, false));
    });

    it('answers an organization it never heard of with nothing', async () => {
      expect(await stats().memberStatRows(systemContext(), [randomIds.next()])).toEqual([]);
    });
  });
});
