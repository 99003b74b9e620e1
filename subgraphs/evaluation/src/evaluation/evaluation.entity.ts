import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { decimalAsNumber } from '@tongxin/common';

/**
 * One comprehensive evaluation of a person for a year by an evaluator. Private to the
 * evaluation subgraph: the API type is `Evaluation`. Rows are immutable once recorded (no
 * update exists), so there is no version column to lock on; add one with the first update.
 */
@Entity({ name: 'evaluation' })
@Index('uq_evaluation_person_year_evaluator', ['personId', 'year', 'evaluator'], { unique: true })
@Index('idx_evaluation_person', ['personId', 'id'])
@Index('idx_evaluation_year', ['year', 'id'])
@Index('idx_evaluation_evaluator', ['evaluator', 'id'])
@Index('idx_evaluation_year_composite', ['year', 'composite', 'id'])
@Index('idx_evaluation_district', ['districtCode', 'id'])
export class EvaluationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** A Person of the persons subgraph (no foreign key: it lives in another database). */
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'int' })
  year!: number;

  /**
   * The district whose department made the evaluation, which holds it (district administrators
   * read and record their own district's). Null for evaluations recorded before it was kept:
   * those are held by the city.
   */
  @Column({ name: 'district_code', type: 'varchar', length: 6, nullable: true })
  districtCode!: string | null;

  @Column({ type: 'varchar', length: 50 })
  evaluator!: string;

  /** Σ weight × score, kept as a column so that a year's evaluations rank on an index. */
  @Column({ type: 'decimal', precision: 5, scale: 2, transformer: decimalAsNumber })
  composite!: number;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  comment!: string | null;

  /** The name of the scheme it was scored under; null for evaluations recorded before it was kept. */
  @Column({ name: 'scheme_name', type: 'varchar', length: 100, nullable: true })
  schemeName!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
