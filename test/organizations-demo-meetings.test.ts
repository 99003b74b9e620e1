import { systemContext } from '@tongxin/common';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { DemoOrganization, meetingDrafts, organizationLevels } from '../packages/platform/src/demo/organizations.demo';
import { expectData } from './harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from './harness/subgraph';

/**
 * The demo city's joint meetings: member units carry their part, contact and phone, and the
 * meetings of `meetingDrafts` obey every rule of createMeeting (they go through the bulk method).
 * Street and community levels are left out: meetings are held by city and district bodies.
 */
describe('demo meetings of the joint meetings', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('load through MeetingService.createMany: two a year over two years for each of the 13 joint meetings', async () => {
    const ctx = systemContext();
    const orgs = new Map<string, DemoOrganization>();
    for (const { level, specs } of organizationLevels()) {
      if (level !== 'CITY' && level !== 'DISTRICT') continue;
      const ids = await sg.running.services.organizations.createMany(
        ctx,
        specs.map((s) => ({ ...s.draft, parentId: s.parentKey ? orgs.get(s.parentKey)!.id : null })),
      );
      specs.forEach((s, i) => orgs.set(s.key, { id: ids[i]!, kind: s.draft.kind as string, level: s.draft.level as string, districtCode: s.draft.districtCode as string, members: [], leaders: 0 }));
    }
    const drafts = meetingDrafts(orgs, '2026-11-25');
    expect(drafts).toHaveLength(13 * 4);
    const ids = await sg.running.services.meetings.createMany(ctx, drafts);
    expect(ids).toHaveLength(52);
    const city = orgs.get('city:joint')!.id;
    const read = expectData(
      await sg.request(
        `query($id: ID!) { organization(id: $id) { meetings(first: 1) { totalCount edges { node { heldOn topic attendingUnits { unitRole contactName contactPhone } decisions { responsibleUnit { name } } } } } } }`,
        { id: city },
      ),
    ).organization.meetings;
    expect(read.totalCount).toBe(4);
    const first = read.edges[0].node;
    expect(first.heldOn).toBe('2024-03-10');
    expect(first.attendingUnits.map((u: any) => u.unitRole).sort()).toEqual(['CONVENER', 'MEMBER', 'MEMBER', 'MEMBER', 'MEMBER', 'OFFICE'].sort());
    for (const u of first.attendingUnits) expect(u.contactPhone).toMatch(/^(1[3-9]\d{9}|0577-\d{8})$/);
    expect(first.decisions[0].responsibleUnit).toEqual({ name: '中共温州市委统战部' });
  });
});
