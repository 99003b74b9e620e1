import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, VersionColumn } from 'typeorm';
import { decimalAsNumber } from '@tongxin/common';
import { ActivityEntity } from '../activity/activity.entity';

/** One person's part in one activity. Private to the activities subgraph: the API type is `Participation`. */
@Entity({ name: 'participation' })
@Index('idx_participation_person', ['personId', 'id'])
@Index('idx_participation_activity', ['activityId', 'id'])
@Index('uq_participation_activity_person', ['activityId', 'personId'], { unique: true })
export class ParticipationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 36 })
  activityId!: string;

  // Only for the foreign key; services read activities through their own loader.
  @ManyToOne(() => ActivityEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_participation_activity' })
  activity?: ActivityEntity;

  /** A Person of the persons subgraph (not checked here: no cross-subgraph reads). */
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ type: 'varchar', length: 12, default: 'PARTICIPANT' })
  role!: string;

  @Column({ type: 'varchar', length: 12, default: 'REGISTERED' })
  attendance!: string;

  @Column({ type: 'decimal', precision: 3, scale: 1, nullable: true, transformer: decimalAsNumber })
  hours!: number | null;

  /** Increases with every change (attendance, hours, role); 1 for rows recorded before it was kept. */
  @VersionColumn({ default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;
}
