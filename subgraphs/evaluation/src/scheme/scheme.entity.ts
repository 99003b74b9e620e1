import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { decimalAsNumber } from '@tongxin/common';

/**
 * The evaluation scheme of one year, defined by a city administrator (years without one use
 * DEFAULT_SCHEME). It may be redefined until the first evaluation of its year is recorded.
 */
@Entity({ name: 'evaluation_scheme' })
export class EvaluationSchemeEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** One weighted dimension of a year's scheme; `position` keeps the order it was defined in. */
@Entity({ name: 'evaluation_scheme_weight' })
export class EvaluationSchemeWeightEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'varchar', length: 24 })
  dimension!: string;

  @Column({ type: 'decimal', precision: 5, scale: 4, transformer: decimalAsNumber })
  weight!: number;

  @Column({ type: 'int' })
  position!: number;

  @ManyToOne(() => EvaluationSchemeEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'year', foreignKeyConstraintName: 'fk_evaluation_scheme_weight_scheme' })
  scheme?: EvaluationSchemeEntity;
}
