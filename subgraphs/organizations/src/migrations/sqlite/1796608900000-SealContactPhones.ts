import { MigrationInterface, QueryRunner } from 'typeorm';
import { sealContactPhones, unsealContactPhones } from '../contact-phones';

/** Member units' contact phones stored encrypted, hashed and masked, never in plain (written by hand around the data step). */
export class SealContactPhones1796608900000 implements MigrationInterface {
  name = 'SealContactPhones1796608900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization" ADD COLUMN "contact_phone_enc" varchar(100)');
    await queryRunner.query('ALTER TABLE "organization" ADD COLUMN "contact_phone_hash" varchar(64)');
    await queryRunner.query('ALTER TABLE "organization" ADD COLUMN "contact_phone_masked" varchar(20)');
    await sealContactPhones(queryRunner);
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "contact_phone"');
    await queryRunner.query('CREATE INDEX "idx_organization_contact_phone_hash" ON "organization" ("contact_phone_hash") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "organization" ADD COLUMN "contact_phone" varchar(20)');
    await unsealContactPhones(queryRunner);
    await queryRunner.query('DROP INDEX "idx_organization_contact_phone_hash"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "contact_phone_enc"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "contact_phone_hash"');
    await queryRunner.query('ALTER TABLE "organization" DROP COLUMN "contact_phone_masked"');
  }
}
