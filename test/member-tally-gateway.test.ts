import { createLogger, randomIds, RequestContext, Role, systemContext, tallyDrift, Viewer } from '@tongxin/common';
import type { OrganizationsServices } from '@tongxin/organizations';
import { MEMBERSHIP_TALLY, MEMBERSHIP_TALLY_SPECS } from '../subgraphs/organizations/src/stats/member-tally';
import { tokenFor } from './harness/auth';
import { expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * memberStats and memberCount through the gateway now that the organizations subgraph reads them
 * from its membership tally (issue 16 §4; subgraphs/organizations/src/stats/member-tally.ts): for
 * a city administrator (exact) and for an analyst (under disclosure control, default k = 5) the
 * answers are those the GROUP BY over the memberships gave before, disclosed the same way.
 */

const LUCHENG = '330302';
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const CHANGE = `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id version } } }`;
const ORG = `query($id: ID!) {
  organization(id: $id) {
    memberCount allTime: memberCount(activeOnly: false)
    memberStats { running left roleChanges suppressed byRole { role count suppressed } joinedPerYear { year count suppressed } leftPerYear { year count suppressed } }
  }
}`;

const viewerOf = (claims: Partial<Viewer>): RequestContext<unknown> =>
  new RequestContext({
    requestId: 'expected',
    viewer: { subject: 'expected', system: false, role: null, districtCode: null, organizationId: null, personId: null, ...claims },
    log: createLogger('test', 'silent'),
    createLoaders: () => {
      throw new Error('no loaders');
    },
  });

describe('member statistics from the tally, through the gateway', () => {
  let p: TestPlatform;
  let services: OrganizationsServices;
  let orgId: string;
  const persons = Array.from({ length: 16 }, () => randomIds.next());
  const headers: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    p = await startTestPlatform();
    services = p.subgraphs.organizations!.services as OrganizationsServices;
    // The persons as the persons subgraph's outbox would publish them to the organizations subgraph's replica.
    await services.relations.applyPersonDistricts(
      systemContext(),
      persons.map((personId) => ({ personId, districtCode: LUCHENG, status: 'ACTIVE', version: 1 })),
    );
    orgId = expectData(await p.request(CREATE_ORG, { input: { name: '网关统计联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: LUCHENG } })).createOrganization.organization.id;
    const ids = await services.memberships.addMany(systemContext(), [
      ...persons.slice(0, 7).map((personId) => ({ personId, organizationId: orgId, role: 'MEMBER', startDate: '2020-03-01' })),
      ...persons.slice(7, 10).map((personId) => ({ personId, organizationId: orgId, role: 'DIRECTOR', startDate: '2021-05-01' })),
      ...persons.slice(10, 16).map((personId) => ({ personId, organizationId: orgId, role: 'MEMBER', startDate: '2018-01-01', endDate: '2022-12-31', endReason: '退会' })),
    ]);
    // A change of role, and a person who moves away (their memberships stop counting).
    expectData(await p.request(CHANGE, { input: { id: ids[0], expectedVersion: 1, role: 'VICE_PRESIDENT', changedOn: '2023-03-01' } }));
    await services.relations.applyPersonDistricts(systemContext(), [{ personId: persons[1]!, districtCode: null, status: 'MOVED_AWAY', version: 2 }]);
    headers.analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
  });
  afterAll(async () => {
    await p?.stop();
  });

  /** What the GROUP BY over the memberships gives, disclosed for `ctx` as memberStats and memberCount disclose. */
  const expected = async (ctx: RequestContext<unknown>) => {
    const organization = { id: orgId, districtCode: LUCHENG };
    const rows = await services.stats.memberStatRowsFromMemberships(systemContext(), [orgId]);
    const count = (which: 'running' | 'all') =>
      services.stats.memberCount(
        ctx,
        organization,
        rows.filter((r) => which === 'all' || r.endYear === null).reduce((n, r) => n + r.count, 0),
      );
    return JSON.parse(JSON.stringify({ memberCount: count('running'), allTime: count('all'), memberStats: services.stats.memberStats(ctx, organization, rows) }));
  };

  it('keeps the tally exact through the platform’s writes', async () => {
    const dialect = String(p.subgraphs.organizations!.dataSource.options.type).includes('sqlite') ? 'sqlite' : 'mysql';
    expect(await tallyDrift(p.subgraphs.organizations!.dataSource, MEMBERSHIP_TALLY_SPECS, MEMBERSHIP_TALLY, dialect)).toEqual([]);
  });

  it('answers a city administrator exactly, as the GROUP BY did', async () => {
    const answer = expectData(await p.request(ORG, { id: orgId })).organization;
    expect(answer).toEqual(await expected(viewerOf({ role: Role.CITY_ADMIN })));
    expect(answer.memberCount).toBe(9);
    expect(answer.memberStats).toMatchObject({ running: 9, left: 6, roleChanges: 1, suppressed: false });
  });

  it('answers an analyst under disclosure control, as the GROUP BY did', async () => {
    const answer = expectData(await p.request(ORG, { id: orgId }, headers.analyst)).organization;
    expect(answer).toEqual(await expected(viewerOf({ role: Role.ANALYST })));
    // Rounded to a multiple of k, small groups suppressed.
    expect(answer.memberCount).toBe(10);
    expect(answer.memberStats).toMatchObject({ running: 10, left: 5, roleChanges: null, suppressed: true });
  });
});
