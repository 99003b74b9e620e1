import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Who belongs to which organization, one row per membership, as the organizations subgraph last
 * published it (docs/CROSS-DISTRICT.md, "Who runs in an organization"): a replica this subgraph
 * keeps so that the rule "an association administrator reads the running members of their
 * organization" is one indexed statement in its own database, not a question to another
 * subgraph on every read. Written only by `applyMembershipChanges`.
 */
@Entity({ name: 'organization_member' })
@Index('idx_organization_member_running', ['organizationId', 'personId', 'active'])
export class OrganizationMemberEntity {
  @PrimaryColumn({ name: 'membership_id', type: 'varchar', length: 36 })
  membershipId!: string;

  @Column({ name: 'organization_id', type: 'varchar', length: 36 })
  organizationId!: string;

  @Column({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  /** True while the membership runs; false once it ended. */
  @Column({ type: 'boolean' })
  active!: boolean;

  /** The membership's version at that change: a row is replaced only by a newer one. */
  @Column({ name: 'membership_version', type: 'int' })
  membershipVersion!: number;
}
