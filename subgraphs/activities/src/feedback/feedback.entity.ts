import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { ActivityEntity } from '../activity/activity.entity';

/** An opinion, suggestion, report or service request. Private: the API type is `Feedback`. */
@Entity({ name: 'feedback' })
@Index('idx_feedback_person', ['personId', 'id'])
@Index('idx_feedback_district', ['districtCode', 'id'])
@Index('idx_feedback_activity', ['activityId', 'id'])
@Index('idx_feedback_status_due', ['status', 'dueOn'])
export class FeedbackEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 24 })
  kind!: string;

  @Column({ type: 'varchar', length: 100 })
  title!: string;

  @Column({ type: 'varchar', length: 4000 })
  content!: string;

  /** A Person of the persons subgraph (not checked here: no cross-subgraph reads). */
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  /** The district where it was submitted: whose administrators handle it. */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ name: 'activity_id', type: 'varchar', length: 36, nullable: true })
  activityId!: string | null;

  // Only for the foreign key.
  @ManyToOne(() => ActivityEntity, { nullable: true, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id', foreignKeyConstraintName: 'fk_feedback_activity' })
  activity?: ActivityEntity;

  @Column({ type: 'varchar', length: 12 })
  status!: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  answer!: string | null;

  @Column({ name: 'reject_reason', type: 'varchar', length: 500, nullable: true })
  rejectReason!: string | null;

  @Column({ name: 'submitted_at', type: 'datetime' })
  submittedAt!: Date;

  /** The China date by which it must be answered (`FEEDBACK_DUE_DAYS` after submission). */
  @Column({ name: 'due_on', type: 'date' })
  dueOn!: string;

  /** The China date it was answered or rejected (the person's reply), null while open; on time when not after `dueOn`. */
  @Column({ name: 'responded_on', type: 'date', nullable: true })
  respondedOn!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** One step of a feedback's handling, kept for good (append-only). */
@Entity({ name: 'feedback_step' })
@Index('idx_feedback_step_feedback', ['feedbackId', 'id'])
export class FeedbackStepEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'feedback_id', type: 'varchar', length: 36 })
  feedbackId!: string;

  @ManyToOne(() => FeedbackEntity, { nullable: false, onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'feedback_id', foreignKeyConstraintName: 'fk_feedback_step_feedback' })
  feedback?: FeedbackEntity;

  /** Null for the submission. */
  @Column({ name: 'from_status', type: 'varchar', length: 12, nullable: true })
  fromStatus!: string | null;

  @Column({ name: 'to_status', type: 'varchar', length: 12 })
  toStatus!: string;

  /** The token subject of who took the step. */
  @Column({ name: 'actor_subject', type: 'varchar', length: 200 })
  actorSubject!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 20, nullable: true })
  actorRole!: string | null;

  @Column({ type: 'datetime' })
  at!: Date;

  @Column({ type: 'varchar', length: 100, nullable: true })
  department!: string | null;

  @Column({ type: 'varchar', length: 4000, nullable: true })
  note!: string | null;
}
