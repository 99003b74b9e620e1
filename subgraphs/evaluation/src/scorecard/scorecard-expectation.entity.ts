import { decimalAsNumber } from '@tongxin/common';
import { Column, Entity, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * What the city department expects of every district in a year (区县考核, §16), set by a city
 * administrator in place of the defaults. One row per year; a year without a row answers the defaults.
 */
@Entity({ name: 'scorecard_expectation' })
export class ScorecardExpectationEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  /** Persons newly registered in the year, per district, at least. */
  @Column({ type: 'int' })
  registrations!: number;

  /** Activities held per month of the year so far, per district, at least (2 decimals). */
  @Column({ name: 'activities_per_month', type: 'decimal', precision: 5, scale: 2, transformer: decimalAsNumber })
  activitiesPerMonth!: number;

  /** Of the feedback replied to, the share replied to on time, at least (0 to 1, 4 decimals). */
  @Column({ name: 'on_time_rate', type: 'decimal', precision: 5, scale: 4, transformer: decimalAsNumber })
  onTimeRate!: number;

  /** Whether the district's talent pool must be within its quota. */
  @Column({ name: 'pool_compliant', type: 'boolean' })
  poolCompliant!: boolean;

  /** Who set them last (token subject). */
  @Column({ name: 'updated_by', type: 'varchar', length: 200 })
  updatedBy!: string;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
