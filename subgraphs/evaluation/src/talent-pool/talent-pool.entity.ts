import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';

/**
 * One person in one year's talent pool (代表人士人才库) of the city or a district. Never deleted:
 * removal sets status REMOVED with who, when and why. One entry per person, pool and year.
 */
@Entity({ name: 'talent_pool_entry' })
@Index('uq_talent_pool_person', ['personId', 'level', 'districtCode', 'year'], { unique: true })
@Index('idx_talent_pool_pool', ['year', 'level', 'districtCode', 'status', 'id'])
@Index('idx_talent_pool_district', ['districtCode', 'id'])
export class TalentPoolEntryEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** A Person of the persons subgraph (no foreign key: another database). */
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 8 })
  level!: string;

  /** The district whose pool it is; 330300 for the city pool. It holds the entry (roles). */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ type: 'int' })
  year!: number;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'added_by', type: 'varchar', length: 200 })
  addedBy!: string;

  /** The entry of the previous year it was renewed from, if any. */
  @Column({ name: 'renewed_from_id', type: 'varchar', length: 36, nullable: true })
  renewedFromId!: string | null;

  @Column({ name: 'removed_by', type: 'varchar', length: 200, nullable: true })
  removedBy!: string | null;

  @Column({ name: 'removed_at', type: 'datetime', nullable: true })
  removedAt!: Date | null;

  @Column({ name: 'removal_reason', type: 'varchar', length: 500, nullable: true })
  removalReason!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}

/**
 * A quota that differs from the default (a district pool at least 50, the city pool 180 to 220,
 * §7) for one pool and year. City administrators set them.
 */
@Entity({ name: 'talent_pool_quota' })
export class TalentPoolQuotaEntity {
  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  level!: string;

  /** 330300 for the city pool. */
  @PrimaryColumn({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ type: 'int' })
  minimum!: number;

  @Column({ type: 'int', nullable: true })
  maximum!: number | null;

  @VersionColumn()
  version!: number;
}
