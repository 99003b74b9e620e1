import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** What each encrypted column's values are bound to (GCM additional data): a value moved to another column does not decrypt. */
export const SEALED = { idNumber: 'person.id_number', mobile: 'person.mobile', birthDate: 'person.birth_date' } as const;

/** A row of the register (登记表). Private to the persons subgraph: the API type is `Person`. */
@Entity({ name: 'person' })
// A district's page in id order, its status read from the index (no filesort), and its listed
// persons (status ACTIVE or MOVED_AWAY) counted from the index alone. (A separate
// (district_code, status) index for the count made MariaDB sort a whole district for the page.)
@Index('idx_person_district', ['districtCode', 'id', 'status'])
// The dashboard's count of the register by status, district and category (personStats) reads this index alone.
@Index('idx_person_status_district_category', ['status', 'districtCode', 'category'])
@Index('idx_person_street', ['streetCode', 'id'])
@Index('idx_person_category', ['category', 'id'])
@Index('idx_person_profession', ['profession', 'id'])
@Index('idx_person_affiliation', ['politicalAffiliation', 'id'])
@Index('uq_person_id_number_hash', ['idNumberHash'], { unique: true })
@Index('idx_person_mobile_hash', ['mobileHash'])
export class PersonEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  name!: string;

  @Column({ type: 'varchar', length: 8 })
  gender!: string;

  /**
   * The birth date, AES-256-GCM encrypted: it is the ID number's characters 7–14, so in plain it
   * would narrow the number to a few thousand candidates (docs/SECURITY.md, "What is stored in plain").
   */
  @Column({ name: 'birth_date_enc', type: 'varchar', length: 100 })
  birthDateEnc!: string;

  /** The birth year in plain: what statistics need (with `gender`), leaving millions of candidate ID numbers. */
  @Column({ name: 'birth_year', type: 'int' })
  birthYear!: number;

  @Column({ type: 'varchar', length: 20 })
  ethnicity!: string;

  @Column({ name: 'political_affiliation', type: 'varchar', length: 20 })
  politicalAffiliation!: string;

  @Column({ type: 'varchar', length: 24, nullable: true })
  education!: string | null;

  @Column({ type: 'varchar', length: 24 })
  category!: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  profession!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  employer!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  position!: string | null;

  @Column({ type: 'boolean', default: false })
  returnee!: boolean;

  @Column({ name: 'returnee_country', type: 'varchar', length: 50, nullable: true })
  returneeCountry!: string | null;

  @Column({ name: 'district_code', type: 'varchar', length: 6 })
  districtCode!: string;

  @Column({ name: 'street_code', type: 'varchar', length: 9, nullable: true })
  streetCode!: string | null;

  @Column({ type: 'varchar', length: 50, nullable: true })
  community!: string | null;

  /** The ID number, AES-256-GCM encrypted (`PersonalDataCipher`): never stored in plain. */
  @Column({ name: 'id_number_enc', type: 'varchar', length: 100 })
  idNumberEnc!: string;

  /** HMAC of the ID number: exact search and, through the unique index, duplicate detection. */
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash!: string;

  /** `33****************` (the province only): what every role may see, kept so that lists need no decryption. */
  @Column({ name: 'id_number_masked', type: 'varchar', length: 18 })
  idNumberMasked!: string;

  @Column({ name: 'mobile_enc', type: 'varchar', length: 100, nullable: true })
  mobileEnc!: string | null;

  @Column({ name: 'mobile_hash', type: 'varchar', length: 64, nullable: true })
  mobileHash!: string | null;

  /** `138******78`: six digits hidden (a million candidates). */
  @Column({ name: 'mobile_masked', type: 'varchar', length: 11, nullable: true })
  mobileMasked!: string | null;

  @Column({ type: 'varchar', length: 12, default: 'ACTIVE' })
  status!: string;

  @Column({ name: 'registered_on', type: 'date' })
  registeredOn!: string;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;
}
