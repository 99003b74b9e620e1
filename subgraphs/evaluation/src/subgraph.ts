import { EvaluationStatsResolver } from './evaluation/evaluation-stats.resolver';
import { AuditEventEntity, auditEventsResolver, RequestContext, SubgraphDefinition } from '@tongxin/common';
import { PoliticalArrangementEntity } from './arrangement/arrangement.entity';
import { ArrangementResolver } from './arrangement/arrangement.resolver';
import { toPoliticalArrangement } from './arrangement/arrangement.type';
import { EvaluationScoreEntity } from './evaluation/evaluation-score.entity';
import { EvaluationEntity } from './evaluation/evaluation.entity';
import { createEvaluationLoaders, EvaluationLoaders } from './evaluation/evaluation.loader';
import { EvaluationResolver } from './evaluation/evaluation.resolver';
import { toEvaluation } from './evaluation/evaluation.type';
import { mysqlMigrations, sqliteMigrations } from './migrations';
import { PersonEvaluationResolver } from './person/person.resolver';
import { PersonStatusEntity } from './register/person-status.entity';
import { PersonStatusResolver } from './register/person-status.resolver';
import { EvaluationSchemeEntity, EvaluationSchemeWeightEntity } from './scheme/scheme.entity';
import { SchemeResolver } from './scheme/scheme.resolver';
import { ScorecardExpectationEntity } from './scorecard/scorecard-expectation.entity';
import { ScorecardExpectationResolver } from './scorecard/scorecard-expectation.resolver';
import { createEvaluationServices, EvaluationServices } from './services';
import { TalentPoolEntryEntity, TalentPoolQuotaEntity } from './talent-pool/talent-pool.entity';
import { createPoolLoaders, PoolLoaders } from './talent-pool/talent-pool.loader';
import { TalentPoolResolver } from './talent-pool/talent-pool.resolver';
import { toTalentPoolEntry } from './talent-pool/talent-pool.type';

export type EvaluationSubgraphLoaders = EvaluationLoaders & PoolLoaders;

export const evaluationSubgraph: SubgraphDefinition<EvaluationServices, EvaluationSubgraphLoaders> = {
  subgraph: 'evaluation',
  defaultPort: 4004,
  entities: [
    AuditEventEntity,
    EvaluationEntity,
    EvaluationScoreEntity,
    EvaluationSchemeEntity,
    EvaluationSchemeWeightEntity,
    TalentPoolEntryEntity,
    TalentPoolQuotaEntity,
    PoliticalArrangementEntity,
    PersonStatusEntity,
    ScorecardExpectationEntity,
  ],
  migrations: { mysql: mysqlMigrations, sqlite: sqliteMigrations },
  resolvers: [
    EvaluationResolver,
    EvaluationStatsResolver,
    SchemeResolver,
    TalentPoolResolver,
    ArrangementResolver,
    ScorecardExpectationResolver,
    PersonEvaluationResolver,
    PersonStatusResolver,
    auditEventsResolver<EvaluationServices>('evaluation', (s) => s.audit),
  ],
  createServices: createEvaluationServices,
  // The persons subgraph's outbox (docs/CROSS-DISTRICT.md); nothing else takes a service token here.
  serviceOperations: ['applyPersonStatuses'],
  createLoaders: (services, ctx) => ({
    ...createEvaluationLoaders(services.evaluations, ctx),
    ...createPoolLoaders(services.talentPool, services.arrangements, ctx),
  }),
  references: {
    // The loader applies evaluation(id)'s read rule per row: a refused row rejects with FORBIDDEN,
    // an error on that entity alone; the batch still goes to the database as one statement.
    Evaluation: async (ref, ctx: RequestContext<EvaluationSubgraphLoaders>) => {
      const entity = await ctx.loaders.evaluationById.load(ref.id);
      return entity ? toEvaluation(entity) : null;
    },
    TalentPoolEntry: async (ref, ctx: RequestContext<EvaluationSubgraphLoaders>) => {
      const entity = await ctx.loaders.talentPoolEntryById.load(ref.id);
      return entity ? toTalentPoolEntry(entity) : null;
    },
    PoliticalArrangement: async (ref, ctx: RequestContext<EvaluationSubgraphLoaders>) => {
      const entity = await ctx.loaders.arrangementById.load(ref.id);
      return entity ? toPoliticalArrangement(entity) : null;
    },
  },
};
