import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A meeting of a joint meeting (联席会议): when, on what, which member units attended, what was
 * decided. Private to the organizations subgraph: the API type is `Meeting`.
 */
@Entity({ name: 'meeting' })
@Index('idx_meeting_body', ['bodyId', 'id'])
export class MeetingEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** The JOINT_MEETING organization that met. */
  @Column({ name: 'body_id', type: 'varchar', length: 36 })
  bodyId!: string;

  /** The body's district, copied so that the read and write rules need no join. */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ name: 'held_on', type: 'date' })
  heldOn!: string;

  @Column({ type: 'varchar', length: 200 })
  topic!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}

/** A member unit that attended a meeting. */
@Entity({ name: 'meeting_attendance' })
export class MeetingAttendanceEntity {
  @PrimaryColumn({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  /** A JOINT_MEETING_MEMBER_UNIT of the meeting's body. */
  @PrimaryColumn({ name: 'unit_id', type: 'varchar', length: 36 })
  unitId!: string;
}

/** One decision of a meeting (议定事项), in the order the minutes list them. */
@Entity({ name: 'meeting_decision' })
@Index('idx_meeting_decision_meeting', ['meetingId', 'position'])
export class MeetingDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'meeting_id', type: 'varchar', length: 36 })
  meetingId!: string;

  /** 1, 2, … within the meeting. */
  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 500 })
  text!: string;

  /** The member unit that carries it out, if one was named. */
  @Column({ name: 'responsible_unit_id', type: 'varchar', length: 36, nullable: true })
  responsibleUnitId!: string | null;

  @Column({ name: 'due_date', type: 'date', nullable: true })
  dueDate!: string | null;
}
