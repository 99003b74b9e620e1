import { AuditLog } from '@tongxin/common';
import type { Peers, TransactionalConnection } from '@tongxin/common';
import { EvaluationService } from './evaluation/evaluation.service';

export interface EvaluationServices {
  readonly evaluations: EvaluationService;
  /** This subgraph's audit log (every mutation's outcome). */
  readonly audit: AuditLog;
}

export function createEvaluationServices(conn: TransactionalConnection, _peers?: Peers): EvaluationServices {
  const audit = new AuditLog(conn, 'evaluation');
  return { evaluations: new EvaluationService(conn, audit), audit };
}
