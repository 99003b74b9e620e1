import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A person's place in an organization, from start to end. Ending a membership keeps the row as
 * history. Private to the organizations subgraph: the API type is `Membership`.
 *
 * `uq_membership_active` makes "one active membership per person and organization" a database
 * rule: `active` is true while the membership runs and NULL once it ended, and NULLs never
 * collide in a unique index (MySQL and SQLite alike). It leads with person_id, so it also serves
 * the lookup of a person's memberships.
 */
/**
 * The SQL condition of a membership that counts (DOMAIN.md, "Counting people"): its person is
 * registered, that is not known here to be archived or moved away (a person not yet known to the
 * replica counts: addMembership takes only persons it knows). `alias` is the table's alias, if any.
 */
export function countedMember(alias?: string): string {
  const column = alias ? `${alias}.person_status` : 'person_status';
  return `(${column} IS NULL OR ${column} = 'ACTIVE')`;
}

@Entity({ name: 'membership' })
@Index('uq_membership_active', ['personId', 'organizationId', 'active'], { unique: true })
@Index('idx_membership_organization', ['organizationId', 'id'])
@Index('idx_membership_district', ['districtCode', 'id'])
@Index('idx_membership_relation', ['personDistrictCode', 'districtCode', 'endDate', 'id'])
@Index('idx_membership_matrix', ['endDate', 'personDistrictCode', 'districtCode', 'personId'])
export class MembershipEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  /** A Person of the persons subgraph; only its format is checked here. */
  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  /** The organization's district, copied so that cross-district analysis needs no join. */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  /**
   * The district the person is registered in, from the replica `member_district` (docs/CROSS-DISTRICT.md):
   * set when the membership is added and whenever the persons subgraph publishes a change; null
   * until the person's district is known here, and while the person is not registered (archived or
   * moved away: they count in no district). The cross-district questions read it from an index.
   */
  @Column({ name: 'person_district_code', type: 'varchar', length: 6, nullable: true })
  personDistrictCode!: string | null;

  /**
   * The person's status in the register, from the replica (ACTIVE, MOVED_AWAY, ARCHIVED): null
   * until it is known here. Counts of members count memberships whose person is not known to have
   * left the register (`COUNTED_MEMBER`); `person_district_code` is null for a person who left.
   */
  @Column({ name: 'person_status', type: 'varchar', length: 12, nullable: true })
  personStatus!: string | null;

  @Column({ type: 'varchar', length: 20 })
  role!: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate!: string;

  @Column({ name: 'end_date', type: 'date', nullable: true })
  endDate!: string | null;

  @Column({ name: 'end_reason', type: 'varchar', length: 200, nullable: true })
  endReason!: string | null;

  /** The term of office (任期) of this role, when it has one: not the membership's own start and end. */
  @Column({ name: 'term_start', type: 'date', nullable: true })
  termStart!: string | null;

  @Column({ name: 'term_end', type: 'date', nullable: true })
  termEnd!: string | null;

  /**
   * A change of role ends this row and starts a new one (changeMembershipRole): the new row
   * names the one it follows, the ended row the one that followed it. Rows that were joined or
   * left (not changed) have null here, which is how statistics tell joins and departures apart
   * from role changes.
   */
  @Column({ name: 'previous_id', type: 'varchar', length: 36, nullable: true })
  previousId!: string | null;

  @Column({ name: 'next_id', type: 'varchar', length: 36, nullable: true })
  nextId!: string | null;

  /** true while running, NULL once ended (see the class comment). */
  @Column({ type: 'boolean', nullable: true })
  active!: boolean | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
