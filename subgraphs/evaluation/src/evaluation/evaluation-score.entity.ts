import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { decimalAsNumber } from '@tongxin/common';
import { EvaluationEntity } from './evaluation.entity';

/**
 * The score of one dimension of an evaluation, with the weight its scheme gave it then (so a
 * later change of scheme leaves recorded composites explained). The primary key, evaluation
 * first, also serves loading the scores of many evaluations at once.
 */
@Entity({ name: 'evaluation_score' })
export class EvaluationScoreEntity {
  @PrimaryColumn({ name: 'evaluation_id', type: 'varchar', length: 36 })
  evaluationId!: string;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  dimension!: string;

  @Column({ type: 'decimal', precision: 4, scale: 1, transformer: decimalAsNumber })
  score!: number;

  @Column({ type: 'decimal', precision: 5, scale: 4, transformer: decimalAsNumber })
  weight!: number;

  @ManyToOne(() => EvaluationEntity)
  @JoinColumn({ name: 'evaluation_id', foreignKeyConstraintName: 'fk_evaluation_score_evaluation' })
  evaluation?: EvaluationEntity;
}
