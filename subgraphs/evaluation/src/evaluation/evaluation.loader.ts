import { groupLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { EvaluationScoreEntity } from './evaluation-score.entity';
import { EvaluationEntity } from './evaluation.entity';
import type { EvaluationService } from './evaluation.service';

export interface EvaluationLoaders {
  readonly evaluationById: DataLoader<string, EvaluationEntity | null>;
  /** A person's evaluations, newest year first. */
  readonly evaluationsByPersonId: DataLoader<string, EvaluationEntity[]>;
  readonly scoresByEvaluationId: DataLoader<string, EvaluationScoreEntity[]>;
}

export function createEvaluationLoaders(evaluations: EvaluationService, ctx: RequestContext<unknown>): EvaluationLoaders {
  return {
    evaluationById: rowLoader((ids) => evaluations.findByIds(ctx, ids), (e) => e.id),
    evaluationsByPersonId: groupLoader((personIds) => evaluations.findByPersonIds(ctx, personIds), (e) => e.personId),
    scoresByEvaluationId: groupLoader((ids) => evaluations.findScoresByEvaluationIds(ctx, ids), (s) => s.evaluationId),
  };
}
