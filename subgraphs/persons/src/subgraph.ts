import { AuditEventEntity, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { AuditResolver } from './audit/audit.resolver';
import { PersonImportResolver } from './import/person-import.resolver';
import { OrganizationMemberEntity } from './membership/organization-member.entity';
import { OrganizationMembersResolver } from './membership/organization-members.resolver';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { OutboxEventEntity } from './outbox/outbox-event.entity';
import { PersonEntity } from './person/person.entity';
import { createPersonLoaders, PersonLoaders } from './person/person.loader';
import { PersonResolver } from './person/person.resolver';
import { toPerson } from './person/person.type';
import { RegionResolver } from './region/region.resolver';
import { PersonStatsResolver } from './stats/person-stats.resolver';
import { createPersonsServices, PersonsServices } from './services';

export type PersonsLoaders = PersonLoaders;

export const personsSubgraph: SubgraphDefinition<PersonsServices, PersonsLoaders> = {
  subgraph: 'persons',
  defaultPort: 4001,
  entities: [AuditEventEntity, PersonEntity, OutboxEventEntity, OrganizationMemberEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [PersonResolver, RegionResolver, AuditResolver, PersonImportResolver, PersonStatsResolver, OrganizationMembersResolver],
  peers: { organizations: 4002, activities: 4003, evaluation: 4004 },
  createServices: createPersonsServices,
  // The organizations subgraph's outbox (docs/CROSS-DISTRICT.md); nothing else takes a service token here.
  serviceOperations: ['applyMembershipChanges'],
  createLoaders: (services, ctx) => createPersonLoaders(services.persons, ctx),
  // The outbox delivers what is pending (a demo city loaded before start) and then after each change.
  lifecycle: { started: (services) => services.outbox.start(), stopping: (services) => services.outbox.close() },
  references: {
    // The loader applies person(id)'s read rule per row: a refused row rejects with FORBIDDEN,
    // an error on that entity alone; the batch still goes to the database as one statement.
    Person: async (ref, ctx: RequestContext<PersonsLoaders>) => {
      const entity = await ctx.loaders.personById.load(ref.id);
      return entity ? toPerson(entity) : null;
    },
  },
};
