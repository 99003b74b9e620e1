import { createLogger, openDatabase, systemContext } from '@tongxin/common';
import { organizationsSubgraph, OrganizationsServices } from '@tongxin/organizations';
import { OutboxEventEntity } from '../src/outbox/outbox-event.entity';
import { freshDatabase } from '../../../test/harness/database';
import { expectData } from '../../../test/harness/graphql-client';
import { publishArchived, publishedPersonPool } from '../../../test/harness/published-persons';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The organizations subgraph's outbox (docs/CROSS-DISTRICT.md, "Who runs in an organization"):
 * every membership started or ended leaves an event in the same transaction, with the version the
 * membership has after the change; a refused or failed write leaves none. (Delivery to the persons
 * subgraph's replica: test/service-identity.test.ts and test/association-member-list.test.ts.)
 */

const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id version } } }`;
const END = `mutation($input: EndMembershipInput!) { endMembership(input: $input) { membership { id version } } }`;
const CHANGE = `mutation($input: ChangeMembershipRoleInput!) { changeMembershipRole(input: $input) { membership { id version previous { id version } } } }`;

interface Event {
  membershipId: string;
  personId: string;
  organizationId: string;
  active: boolean;
  version: number;
}

describe('the outbox of the organizations subgraph', () => {
  let sg: TestSubgraph<OrganizationsServices>;
  let org: string;
  let newPerson: () => string;
  const events = async (personId: string): Promise<Event[]> =>
    (await sg.running.dataSource.getRepository(OutboxEventEntity).find({ order: { id: 'ASC' } }))
      .map((e) => {
        expect(e.type).toBe('MembershipChanged');
        expect(e.deliveredAt).toBeNull(); // no persons subgraph configured: events wait
        return JSON.parse(e.payload) as Event;
      })
      .filter((e) => e.personId === personId);

  beforeAll(async () => {
    sg = await startTestSubgraph(organizationsSubgraph);
    newPerson = await publishedPersonPool(sg.running.services, 20);
    org = expectData(await sg.request(CREATE_ORG, { input: { name: '鹿城区新联会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330302' } })).createOrganization.organization.id;
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('publishes an added membership, its end and a change of role, each with the version after the change', async () => {
    const person = newPerson();
    const added = expectData(await sg.request(ADD, { input: { personId: person, organizationId: org, role: 'MEMBER', startDate: '2024-01-01' } })).addMembership.membership;
    expect(await events(person)).toEqual([{ membershipId: added.id, personId: person, organizationId: org, active: true, version: 1 }]);
    const changed = expectData(await sg.request(CHANGE, { input: { id: added.id, expectedVersion: 1, role: 'DIRECTOR', changedOn: '2025-01-01' } })).changeMembershipRole.membership;
    expect(changed.previous).toEqual({ id: added.id, version: 2 });
    const ended = expectData(await sg.request(END, { input: { id: changed.id, expectedVersion: changed.version } })).endMembership.membership;
    expect(await events(person)).toEqual([
      { membershipId: added.id, personId: person, organizationId: org, active: true, version: 1 },
      { membershipId: added.id, personId: person, organizationId: org, active: false, version: 2 },
      { membershipId: changed.id, personId: person, organizationId: org, active: true, version: 1 },
      { membershipId: changed.id, personId: person, organizationId: org, active: false, version: ended.version },
    ]);
    expect(ended.version).toBe(2);
    expect(await sg.running.services.outbox.pending()).toBeGreaterThanOrEqual(4);
  });

  it('publishes every row of addMany, an ended one as not running', async () => {
    const [a, b] = [newPerson(), newPerson()];
    const ids = await sg.running.services.memberships.addMany(systemContext(), [
      { personId: a, organizationId: org, role: 'MEMBER', startDate: '2020-01-01' },
      { personId: b, organizationId: org, role: 'MEMBER', startDate: '2020-01-01', endDate: '2021-06-30' },
    ]);
    expect([...(await events(a)), ...(await events(b))]).toEqual([
      { membershipId: ids[0], personId: a, organizationId: org, active: true, version: 1 },
      { membershipId: ids[1], personId: b, organizationId: org, active: false, version: 1 },
    ]);
  });

  it('writes no event for a refused or failed change', async () => {
    const person = newPerson();
    const added = expectData(await sg.request(ADD, { input: { personId: person, organizationId: org, role: 'MEMBER', startDate: '2024-01-01' } })).addMembership.membership;
    const before = await events(person);
    // A second running membership, a stale version, an archived person's change of role.
    expect((await sg.request(ADD, { input: { personId: person, organizationId: org, role: 'MEMBER', startDate: '2024-01-01' } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await sg.request(END, { input: { id: added.id, expectedVersion: 7 } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await publishArchived(sg.running.services, person);
    expect((await sg.request(CHANGE, { input: { id: added.id, expectedVersion: 1, role: 'DIRECTOR' } })).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await events(person)).toEqual(before);
  });
});

describe('the PublishExistingMemberships migration', () => {
  it('publishes every membership stored before the outbox existed, running or ended, with its version', async () => {
    const db = freshDatabase();
    const log = createLogger('organizations', 'silent');
    const migrations = organizationsSubgraph.migrations;
    const dialect = db.config.type;
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('MembershipOutbox'));
    expect(index).toBeGreaterThan(0);
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      id: `01900000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      person: `01900000-0000-7000-9000-${String(i).padStart(12, '0')}`,
      ended: i % 3 === 0,
      version: (i % 4) + 1,
    }));
    const org = '01900000-0000-7000-a000-000000000001';
    try {
      const before = await openDatabase(db.config, { ...organizationsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, index) } }, log);
      await before.dataSource.query("INSERT INTO organization (id, name, kind, level, district_code, version) VALUES (?, '鹿城区新联会', 'FRIENDSHIP_ASSOCIATION', 'DISTRICT', '330302', 1)", [org]);
      for (const r of rows) {
        await before.dataSource.query(
          "INSERT INTO membership (id, person_id, organization_id, district_code, role, start_date, end_date, active, version, created_at, updated_at) VALUES (?, ?, ?, '330302', 'MEMBER', '2020-01-01', ?, ?, ?, '2020-01-01 00:00:00', '2020-01-01 00:00:00')",
          [r.id, r.person, org, r.ended ? '2021-01-01' : null, r.ended ? null : true, r.version],
        );
      }
      await before.close();
      const after = await openDatabase(db.config, organizationsSubgraph, log);
      const published = (await after.dataSource.getRepository(OutboxEventEntity).find({ order: { id: 'ASC' } })).map((e) => ({ type: e.type, delivered: e.deliveredAt, ...JSON.parse(e.payload) }));
      expect(published).toEqual(rows.map((r) => ({ type: 'MembershipChanged', delivered: null, membershipId: r.id, personId: r.person, organizationId: org, active: !r.ended, version: r.version })));
      await after.close();
    } finally {
      await db.drop(['organizations']);
    }
  });
});
