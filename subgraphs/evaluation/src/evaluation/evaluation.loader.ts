import { groupLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { EvaluationScoreEntity } from './evaluation-score.entity';
import { EvaluationEntity } from './evaluation.entity';
import type { EvaluationService } from './evaluation.service';

export interface EvaluationLoaders {
  /**
   * An evaluation the viewer may read, or null when there is none; one they may not read rejects
   * its own load with FORBIDDEN (evaluation(id), `_entities`), leaving the rest of the batch alone.
   */
  readonly evaluationById: DataLoader<string, EvaluationEntity | null>;
  /** A person's evaluations that the viewer may read, newest year first (FORBIDDEN for a viewer who may read none). */
  readonly evaluationsByPersonId: DataLoader<string, EvaluationEntity[]>;
  readonly scoresByEvaluationId: DataLoader<string, EvaluationScoreEntity[]>;
}

export function createEvaluationLoaders(evaluations: EvaluationService, ctx: RequestContext<unknown>): EvaluationLoaders {
  return {
    evaluationById: rowLoader(
      (ids) => evaluations.findByIds(ctx, ids),
      (e) => e.id,
      (e) => evaluations.readRefusal(ctx, e),
    ),
    evaluationsByPersonId: groupLoader(
      (personIds) => evaluations.findByPersonIds(ctx, personIds),
      (e) => e.personId,
    ),
    scoresByEvaluationId: groupLoader(
      (ids) => evaluations.findScoresByEvaluationIds(ctx, ids),
      (s) => s.evaluationId,
    ),
  };
}
