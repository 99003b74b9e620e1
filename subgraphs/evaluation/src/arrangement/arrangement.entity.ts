import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A political arrangement (政治安排) of a person: recommended or appointed as people's congress
 * deputy, CPPCC member or leader of a people's or industry organisation, at a level, in a body,
 * for a term. Held by the district whose department arranges it (330300: the city's).
 */
@Entity({ name: 'political_arrangement' })
@Index('idx_arrangement_person', ['personId', 'id'])
@Index('idx_arrangement_district', ['districtCode', 'id'])
@Index('idx_arrangement_status', ['status', 'termStart', 'id'])
export class PoliticalArrangementEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ type: 'varchar', length: 12 })
  level!: string;

  @Column({ type: 'varchar', length: 100 })
  body!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  position!: string | null;

  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ name: 'term_start', type: 'date' })
  termStart!: string;

  @Column({ name: 'term_end', type: 'date' })
  termEnd!: string;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ name: 'recommended_at', type: 'datetime', nullable: true })
  recommendedAt!: Date | null;

  @Column({ name: 'appointed_at', type: 'datetime', nullable: true })
  appointedAt!: Date | null;

  @Column({ name: 'closed_at', type: 'datetime', nullable: true })
  closedAt!: Date | null;

  /** Who made the last change (token subject), and the note given with it. */
  @Column({ name: 'changed_by', type: 'varchar', length: 200 })
  changedBy!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
