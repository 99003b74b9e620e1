import { AuditLog } from '@tongxin/common';
import type { TransactionalConnection } from '@tongxin/common';
import { ArrangementService } from './arrangement/arrangement.service';
import { EvaluationStatsService } from './evaluation/evaluation-stats.service';
import { EvaluationService } from './evaluation/evaluation.service';
import { PersonStatusService } from './register/person-status.service';
import { SchemeService } from './scheme/scheme.service';
import { ScorecardExpectationService } from './scorecard/scorecard-expectation.service';
import { TalentPoolCandidateService } from './talent-pool/talent-pool-candidates.service';
import { TalentPoolQuotaService } from './talent-pool/talent-pool-quota.service';
import { TalentPoolService } from './talent-pool/talent-pool.service';

export interface EvaluationServices {
  readonly evaluations: EvaluationService;
  readonly evaluationStats: EvaluationStatsService;
  readonly schemes: SchemeService;
  readonly talentPool: TalentPoolService;
  readonly poolQuotas: TalentPoolQuotaService;
  readonly poolCandidates: TalentPoolCandidateService;
  readonly arrangements: ArrangementService;
  /** The city's expectations of the districts per year (区县考核). */
  readonly scorecardExpectations: ScorecardExpectationService;
  /** The replica of persons' statuses, fed by the persons subgraph's outbox. */
  readonly personStatuses: PersonStatusService;
  /** This subgraph's audit log (every mutation's outcome). */
  readonly audit: AuditLog;
}

export function createEvaluationServices(conn: TransactionalConnection): EvaluationServices {
  const audit = new AuditLog(conn, 'evaluation');
  const schemes = new SchemeService(conn, audit);
  return {
    evaluations: new EvaluationService(conn, audit, undefined, schemes),
    evaluationStats: new EvaluationStatsService(conn),
    schemes,
    talentPool: new TalentPoolService(conn, audit),
    poolQuotas: new TalentPoolQuotaService(conn, audit),
    poolCandidates: new TalentPoolCandidateService(conn),
    arrangements: new ArrangementService(conn, audit),
    scorecardExpectations: new ScorecardExpectationService(conn, audit),
    personStatuses: new PersonStatusService(conn, audit),
    audit,
  };
}
