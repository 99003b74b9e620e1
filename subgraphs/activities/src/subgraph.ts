import { AuditEventEntity, auditEventsResolver, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { ActivityEntity } from './activity/activity.entity';
import { ActivityResolver } from './activity/activity.resolver';
import { toActivity } from './activity/activity.type';
import { FeedbackEntity, FeedbackStepEntity } from './feedback/feedback.entity';
import { FeedbackStatsResolver } from './feedback/feedback-stats.resolver';
import { FeedbackResolver } from './feedback/feedback.resolver';
import { toFeedback } from './feedback/feedback.type';
import { ActivitiesLoaders, createActivitiesLoaders } from './loaders';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { OrganizationActivitiesResolver } from './organization/organization.resolver';
import { ParticipationEntity } from './participation/participation.entity';
import { ParticipationResolver } from './participation/participation.resolver';
import { toParticipation } from './participation/participation.type';
import { PersonParticipationsResolver } from './person/person.resolver';
import { ActivitiesServices, createActivitiesServices } from './services';

export type { ActivitiesLoaders };

export const activitiesSubgraph: SubgraphDefinition<ActivitiesServices, ActivitiesLoaders> = {
  subgraph: 'activities',
  defaultPort: 4003,
  entities: [AuditEventEntity, ActivityEntity, ParticipationEntity, FeedbackEntity, FeedbackStepEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [
    ActivityResolver,
    ParticipationResolver,
    FeedbackResolver,
    FeedbackStatsResolver,
    PersonParticipationsResolver,
    OrganizationActivitiesResolver,
    auditEventsResolver<ActivitiesServices>('activities', (s) => s.audit),
  ],
  // The organizations subgraph answers whether an activity's organizer exists and may be named by the caller.
  peers: { organizations: 4002 },
  createServices: createActivitiesServices,
  createLoaders: createActivitiesLoaders,
  references: {
    Activity: async (ref, ctx: RequestContext<ActivitiesLoaders>) => {
      const entity = await ctx.loaders.activityById.load(ref.id);
      return entity ? toActivity(entity) : null;
    },
    // The loader applies participation(id)'s read rule per row (its activities loaded in one
    // statement for the batch): a refused row rejects with FORBIDDEN, an error on that entity alone.
    Participation: async (ref, ctx: RequestContext<ActivitiesLoaders>) => {
      const entity = await ctx.loaders.participationById.load(ref.id);
      return entity ? toParticipation(entity) : null;
    },
    // Per row, like Participation: a refused feedback is FORBIDDEN on that entity alone.
    Feedback: async (ref, ctx: RequestContext<ActivitiesLoaders>) => {
      const entity = await ctx.loaders.feedbackById.load(ref.id);
      return entity ? toFeedback(entity) : null;
    },
  },
};
