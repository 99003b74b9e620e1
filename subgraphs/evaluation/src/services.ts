import type { TransactionalConnection } from '@tongxin/common';
import { EvaluationService } from './evaluation/evaluation.service';

export interface EvaluationServices {
  readonly evaluations: EvaluationService;
}

export function createEvaluationServices(conn: TransactionalConnection): EvaluationServices {
  return { evaluations: new EvaluationService(conn) };
}
