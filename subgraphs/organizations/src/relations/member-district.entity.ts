import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The district each person of the register is registered in, and their status, as the persons
 * subgraph last published them (docs/CROSS-DISTRICT.md): a replica this subgraph keeps so that the
 * cross-district questions are one statement in its own database, and so that counts of members
 * count registered persons only (DOMAIN.md, "Counting people"). Written only by `applyPersonDistricts`.
 */
@Entity({ name: 'member_district' })
@Index('idx_member_district_district', ['districtCode', 'personId'])
export class MemberDistrictEntity {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  /** Null when the person left the register (archived). */
  @Column({ name: 'district_code', type: 'varchar', length: 6, nullable: true })
  districtCode!: string | null;

  /**
   * ACTIVE, MOVED_AWAY or ARCHIVED; null for a row published before statuses were (its district
   * says ARCHIVED when null): the next event of the person, even at the same version, fills it in.
   */
  @Column({ type: 'varchar', length: 12, nullable: true })
  status!: string | null;

  /** The person's version at that change: a replica row is replaced only by a newer one. */
  @Column({ name: 'person_version', type: 'int' })
  personVersion!: number;
}
