import { AuditEventEntity, auditEventsResolver, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { EvaluationScoreEntity } from './evaluation/evaluation-score.entity';
import { EvaluationEntity } from './evaluation/evaluation.entity';
import { createEvaluationLoaders, EvaluationLoaders } from './evaluation/evaluation.loader';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { toEvaluation } from './evaluation/evaluation.type';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { PersonEvaluationResolver } from './person/person.resolver';
import { createEvaluationServices, EvaluationServices } from './services';

export type EvaluationSubgraphLoaders = EvaluationLoaders;

export const evaluationSubgraph: SubgraphDefinition<EvaluationServices, EvaluationSubgraphLoaders> = {
  subgraph: 'evaluation',
  defaultPort: 4004,
  entities: [AuditEventEntity, EvaluationEntity, EvaluationScoreEntity],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [EvaluationResolver, PersonEvaluationResolver, auditEventsResolver<EvaluationServices>('evaluation', (s) => s.audit)],
  createServices: createEvaluationServices,
  createLoaders: (services, ctx) => createEvaluationLoaders(services.evaluations, ctx),
  references: {
    // The loader applies evaluation(id)'s read rule per row: a refused row rejects with FORBIDDEN,
    // an error on that entity alone; the batch still goes to the database as one statement.
    Evaluation: async (ref, ctx: RequestContext<EvaluationSubgraphLoaders>) => {
      const entity = await ctx.loaders.evaluationById.load(ref.id);
      return entity ? toEvaluation(entity) : null;
    },
  },
};
