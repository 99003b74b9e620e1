export * from './evaluation/evaluation.enums';
export { EvaluationEntity } from './evaluation/evaluation.entity';
export { EvaluationScoreEntity } from './evaluation/evaluation-score.entity';
export * from './evaluation/evaluation.scheme';
export type { EvaluationDraft, EvaluationRecord } from './evaluation/evaluation.validation';
export { FIRST_YEAR } from './evaluation/evaluation.validation';
export { EvaluationService } from './evaluation/evaluation.service';
export * from './services';
export * from './subgraph';
