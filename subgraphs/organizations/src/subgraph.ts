import { AuditEventEntity, auditEventsResolver, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { createOrganizationsLoaders, OrganizationsLoaders } from './loaders';
import { MemberPersonIdsResolver } from './membership/member-person-ids.resolver';
import { MembershipEntity } from './membership/membership.entity';
import { MembershipResolver } from './membership/membership.resolver';
import { toMembership } from './membership/membership.type';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { OrganizationEntity } from './organization/organization.entity';
import { OrganizationResolver } from './organization/organization.resolver';
import { toOrganization } from './organization/organization.type';
import { PersonRefResolver } from './person/person.resolver';
import { createOrganizationsServices, OrganizationsServices } from './services';

export type { OrganizationsLoaders };

export const organizationsSubgraph: SubgraphDefinition<OrganizationsServices, OrganizationsLoaders> = {
  subgraph: 'organizations',
  defaultPort: 4002,
  entities: [AuditEventEntity, OrganizationEntity, MembershipEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [
    OrganizationResolver,
    MembershipResolver,
    MemberPersonIdsResolver,
    PersonRefResolver,
    auditEventsResolver<OrganizationsServices>('organizations', (s) => s.audit),
  ],
  createServices: createOrganizationsServices,
  createLoaders: createOrganizationsLoaders,
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
  },
};
