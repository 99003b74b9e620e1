import { AuditEventEntity, auditEventsResolver, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { createOrganizationsLoaders, OrganizationsLoaders } from './loaders';
import { MeetingAttendanceEntity, MeetingDecisionEntity, MeetingEntity } from './meeting/meeting.entity';
import { MeetingDecisionResolver, MeetingResolver, OrganizationMeetingsResolver } from './meeting/meeting.resolver';
import { toMeeting } from './meeting/meeting.type';
import { MembershipEntity } from './membership/membership.entity';
import { MembershipResolver } from './membership/membership.resolver';
import { toMembership } from './membership/membership.type';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { OrganizationEntity } from './organization/organization.entity';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { OrganizationScopesResolver } from './organization/organization-scopes.resolver';
import { OrganizationResolver } from './organization/organization.resolver';
import { toOrganization } from './organization/organization.type';
import { PersonRefResolver } from './person/person.resolver';
import { MemberDistrictEntity } from './relations/member-district.entity';
import { RelationsResolver } from './relations/relations.resolver';
import { createOrganizationsServices, OrganizationsServices } from './services';
import { MemberStatsResolver, OrganizationStatsResolver } from './stats/stats.resolver';

export type { OrganizationsLoaders };

export const organizationsSubgraph: SubgraphDefinition<OrganizationsServices, OrganizationsLoaders> = {
  subgraph: 'organizations',
  defaultPort: 4002,
  entities: [AuditEventEntity, OrganizationEntity, MembershipEntity, MeetingEntity, MeetingAttendanceEntity, MeetingDecisionEntity, MemberDistrictEntity, OutboxEventEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [
    OrganizationResolver,
    OrganizationScopesResolver,
    MembershipResolver,
    PersonRefResolver,
    MeetingResolver,
    MeetingDecisionResolver,
    OrganizationMeetingsResolver,
    OrganizationStatsResolver,
    MemberStatsResolver,
    RelationsResolver,
    auditEventsResolver<OrganizationsServices>('organizations', (s) => s.audit),
  ],
  createServices: createOrganizationsServices,
  // The persons subgraph's outbox (docs/CROSS-DISTRICT.md); nothing else takes a service token here.
  serviceOperations: ['applyPersonDistricts'],
  // Its outbox delivers to the persons subgraph's replica of who runs in which organization.
  peers: { persons: 4001 },
  createLoaders: createOrganizationsLoaders,
  // The outbox delivers what is pending (a demo city loaded before start) and then after each change.
  lifecycle: { started: (services) => services.outbox.start(), stopping: (services) => services.outbox.close() },
  references: {
    Organization: async (ref, ctx: RequestContext<OrganizationsLoaders>) => {
      const entity = await ctx.loaders.organizationById.load(ref.id);
      return entity ? toOrganization(entity) : null;
    },
    // The loader applies membership(id)'s read rule per row: a refused row rejects with
    // FORBIDDEN, an error on that entity alone; the batch is still one statement.
    Membership: async (ref, ctx: RequestContext<OrganizationsLoaders>) => {
      const entity = await ctx.loaders.membershipById.load(ref.id);
      return entity ? toMembership(entity) : null;
    },
    // Per-row refusal as for meeting(id): a meeting outside the viewer's read scope is FORBIDDEN on that entity alone.
    Meeting: async (ref, ctx: RequestContext<OrganizationsLoaders>) => {
      const entity = await ctx.loaders.meetingById.load(ref.id);
      return entity ? toMeeting(entity) : null;
    },
  },
};
