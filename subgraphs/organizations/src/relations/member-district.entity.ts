import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The district each person of the register is registered in, as the persons subgraph last
 * published it (docs/CROSS-DISTRICT.md): a replica this subgraph keeps so that the cross-district
 * questions are one statement in its own database. Written only by `applyPersonDistricts`.
 */
@Entity({ name: 'member_district' })
@Index('idx_member_district_district', ['districtCode', 'personId'])
export class MemberDistrictEntity {
  @PrimaryColumn({ name: 'person_id', type: 'varchar', length: 36 })
  personId!: string;

  /** Null when the person left the register (archived). */
  @Column({ name: 'district_code', type: 'varchar', length: 6, nullable: true })
  districtCode!: string | null;

  /** The person's version at that change: a replica row is replaced only by a newer one. */
  @Column({ name: 'person_version', type: 'int' })
  personVersion!: number;
}
