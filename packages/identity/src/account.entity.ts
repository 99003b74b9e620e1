import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/**
 * A person who signs in to the console through the embedded identity provider. Role, district,
 * organization and person are the claims of their access tokens (README, "Tokens"), checked
 * as the services check a token's. Failed sign-ins are counted here (`failedAttempts` since
 * `firstFailedAt`); past the limit the account is locked until `lockedUntil`.
 */
@Entity({ name: 'account' })
@Index('uq_account_username', ['username'], { unique: true })
export class AccountEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 64 })
  username!: string;

  /** `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`: the parameters are kept with the hash. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'display_name', type: 'varchar', length: 100 })
  displayName!: string;

  @Column({ type: 'varchar', length: 24 })
  role!: string;

  @Column({ name: 'district_code', type: 'varchar', length: 12, nullable: true })
  districtCode!: string | null;

  @Column({ name: 'organization_id', type: 'varchar', length: 36, nullable: true })
  organizationId!: string | null;

  @Column({ name: 'person_id', type: 'varchar', length: 36, nullable: true })
  personId!: string | null;

  @Column({ type: 'boolean', default: false })
  disabled!: boolean;

  @Column({ name: 'failed_attempts', type: 'int', default: 0 })
  failedAttempts!: number;

  @Column({ name: 'first_failed_at', type: 'datetime', nullable: true })
  firstFailedAt!: Date | null;

  @Column({ name: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime' })
  updatedAt!: Date;

  @VersionColumn()
  version!: number;
}
