import type { PersonalDataCipher } from '@tongxin/common';
import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** What a member unit's contact phone is bound to (GCM additional data): a value moved to another column does not decrypt. */
export const SEALED_CONTACT_PHONE = 'organization.contact_phone';

/**
 * The keyed hash of a contact phone, bound to its column: the HMAC of `organization.contact_phone:`
 * and the number, so that it never equals a person's `mobile_hash` of the same number (the two
 * databases' backups cannot be joined on it).
 */
export function contactPhoneHash(cipher: Pick<PersonalDataCipher, 'hash'>, phone: string): string {
  return cipher.hash(`${SEALED_CONTACT_PHONE}:${phone}`);
}

/** An association or working body. Private to the organizations subgraph: the API type is `Organization`. */
@Entity({ name: 'organization' })
@Index('idx_organization_district', ['districtCode', 'id'])
@Index('idx_organization_kind', ['kind', 'id'])
@Index('idx_organization_level', ['level', 'id'])
@Index('idx_organization_parent', ['parentId', 'id'])
@Index('idx_organization_contact_phone_hash', ['contactPhoneHash'])
// organizationStats groups by district, kind and level (a prefix of them, in this order): read from this index alone, without a temporary table.
@Index('idx_organization_stats', ['districtCode', 'kind', 'level'])
export class OrganizationEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ type: 'varchar', length: 12 })
  level!: string;

  /** 330300 for city-level bodies, a county-level unit otherwise. */
  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ name: 'street_code', type: 'varchar', length: 9, nullable: true })
  streetCode!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  community!: string | null;

  @Column({ name: 'parent_id', type: 'varchar', length: 36, nullable: true })
  parentId!: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  description!: string | null;

  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn!: string | null;

  /** A member unit's part in its joint meeting (JointMeetingUnitRole); null for every other kind. */
  @Column({ name: 'unit_role', type: 'varchar', length: 20, nullable: true })
  unitRole!: string | null;

  /** A member unit's contact person (联络人); null for every other kind. */
  @Column({ name: 'contact_name', type: 'varchar', length: 50, nullable: true })
  contactName!: string | null;

  /**
   * A member unit's contact phone (digits and one hyphen), personal data stored like a person's
   * mobile: AES-256-GCM encrypted (`contact_phone_enc`), a keyed hash for exact lookup, and the
   * mask every role may see. The API shows it whole only to city administrators and the body's
   * district administrators.
   */
  @Column({ name: 'contact_phone_enc', type: 'varchar', length: 100, nullable: true })
  contactPhoneEnc!: string | null;

  @Column({ name: 'contact_phone_hash', type: 'varchar', length: 64, nullable: true })
  contactPhoneHash!: string | null;

  /** `136******78`, `0577-******00`: six digits or more hidden. */
  @Column({ name: 'contact_phone_masked', type: 'varchar', length: 20, nullable: true })
  contactPhoneMasked!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
