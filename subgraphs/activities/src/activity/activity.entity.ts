import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** An activity. Private to the activities subgraph: the API type is `Activity`. */
@Entity({ name: 'activity' })
@Index('idx_activity_district', ['districtCode', 'id'])
@Index('idx_activity_organizer', ['organizerId', 'id'])
@Index('idx_activity_kind', ['kind', 'id'])
@Index('idx_activity_status', ['status', 'id'])
@Index('idx_activity_starts_at', ['startsAt', 'id'])
export class ActivityEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description!: string | null;

  /** An Organization of the organizations subgraph (not checked here: no cross-subgraph reads). */
  @Column({ name: 'organizer_id', type: 'varchar', length: 36, nullable: true })
  organizerId!: string | null;

  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  location!: string | null;

  @Column({ name: 'starts_at', type: 'datetime' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'datetime', nullable: true })
  endsAt!: Date | null;

  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  @Column({ type: 'varchar', length: 12, default: 'PLANNED' })
  status!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
