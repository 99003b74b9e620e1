import { AuditEventEntity, RequestContext, SubgraphDefinition } from '@tongxin/common';
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
  resolvers: [EvaluationResolver, PersonEvaluationResolver],
  createServices: createEvaluationServices,
  createLoaders: (services, ctx) => createEvaluationLoaders(services.evaluations, ctx),
  references: {
    Evaluation: async (ref, ctx: RequestContext<EvaluationSubgraphLoaders>) => {
      const entity = await ctx.loaders.evaluationById.load(ref.id);
      return entity ? toEvaluation(entity) : null;
    },
  },
};
