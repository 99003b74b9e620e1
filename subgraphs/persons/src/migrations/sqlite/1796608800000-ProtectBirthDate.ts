import { MigrationInterface, QueryRunner } from 'typeorm';
import { exposeBirthDates, protectBirthDates } from '../personal-data';

/**
 * The birth date stored encrypted beside its year, and the stored masks remade (docs/SECURITY.md,
 * "What is stored in plain"). Written by hand: new columns, the data step, then the table rebuilt
 * without the plain birth date (SQLite cannot make a column NOT NULL in place).
 */
export class ProtectBirthDate1796608800000 implements MigrationInterface {
  name = 'ProtectBirthDate1796608800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person" ADD COLUMN "birth_date_enc" varchar(100)');
    await queryRunner.query('ALTER TABLE "person" ADD COLUMN "birth_year" integer');
    await protectBirthDates(queryRunner);
    await queryRunner.query('DROP INDEX "idx_person_district"');
    await queryRunner.query('DROP INDEX "idx_person_status_district_category"');
    await queryRunner.query('DROP INDEX "idx_person_mobile_hash"');
    await queryRunner.query('DROP INDEX "uq_person_id_number_hash"');
    await queryRunner.query('DROP INDEX "idx_person_affiliation"');
    await queryRunner.query('DROP INDEX "idx_person_profession"');
    await queryRunner.query('DROP INDEX "idx_person_category"');
    await queryRunner.query('DROP INDEX "idx_person_street"');
    await queryRunner.query(
      'CREATE TABLE "temporary_person" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8) NOT NULL, "ethnicity" varchar(20) NOT NULL, "political_affiliation" varchar(20) NOT NULL, "education" varchar(24), "category" varchar(24) NOT NULL, "profession" varchar(32), "employer" varchar(100), "position" varchar(50), "returnee" boolean NOT NULL DEFAULT (0), "returnee_country" varchar(50), "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "status" varchar(12) NOT NULL DEFAULT (\'ACTIVE\'), "registered_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "id_number_enc" varchar(100) NOT NULL, "id_number_hash" varchar(64) NOT NULL, "id_number_masked" varchar(18) NOT NULL, "mobile_enc" varchar(100), "mobile_hash" varchar(64), "mobile_masked" varchar(11), "birth_date_enc" varchar(100) NOT NULL, "birth_year" integer NOT NULL)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_person"("id", "name", "gender", "ethnicity", "political_affiliation", "education", "category", "profession", "employer", "position", "returnee", "returnee_country", "district_code", "street_code", "community", "status", "registered_on", "version", "created_at", "updated_at", "id_number_enc", "id_number_hash", "id_number_masked", "mobile_enc", "mobile_hash", "mobile_masked", "birth_date_enc", "birth_year") SELECT "id", "name", "gender", "ethnicity", "political_affiliation", "education", "category", "profession", "employer", "position", "returnee", "returnee_country", "district_code", "street_code", "community", "status", "registered_on", "version", "created_at", "updated_at", "id_number_enc", "id_number_hash", "id_number_masked", "mobile_enc", "mobile_hash", "mobile_masked", "birth_date_enc", "birth_year" FROM "person"',
    );
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('ALTER TABLE "temporary_person" RENAME TO "person"');
    await queryRunner.query('CREATE INDEX "idx_person_district" ON "person" ("district_code", "id", "status") ');
    await queryRunner.query('CREATE INDEX "idx_person_status_district_category" ON "person" ("status", "district_code", "category") ');
    await queryRunner.query('CREATE INDEX "idx_person_mobile_hash" ON "person" ("mobile_hash") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_person_id_number_hash" ON "person" ("id_number_hash") ');
    await queryRunner.query('CREATE INDEX "idx_person_affiliation" ON "person" ("political_affiliation", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_profession" ON "person" ("profession", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_category" ON "person" ("category", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_street" ON "person" ("street_code", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "person" ADD COLUMN "birth_date" date');
    await exposeBirthDates(queryRunner);
    await queryRunner.query('DROP INDEX "idx_person_district"');
    await queryRunner.query('DROP INDEX "idx_person_status_district_category"');
    await queryRunner.query('DROP INDEX "idx_person_mobile_hash"');
    await queryRunner.query('DROP INDEX "uq_person_id_number_hash"');
    await queryRunner.query('DROP INDEX "idx_person_affiliation"');
    await queryRunner.query('DROP INDEX "idx_person_profession"');
    await queryRunner.query('DROP INDEX "idx_person_category"');
    await queryRunner.query('DROP INDEX "idx_person_street"');
    await queryRunner.query(
      'CREATE TABLE "temporary_person" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8) NOT NULL, "birth_date" date NOT NULL, "ethnicity" varchar(20) NOT NULL, "political_affiliation" varchar(20) NOT NULL, "education" varchar(24), "category" varchar(24) NOT NULL, "profession" varchar(32), "employer" varchar(100), "position" varchar(50), "returnee" boolean NOT NULL DEFAULT (0), "returnee_country" varchar(50), "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "status" varchar(12) NOT NULL DEFAULT (\'ACTIVE\'), "registered_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "id_number_enc" varchar(100) NOT NULL, "id_number_hash" varchar(64) NOT NULL, "id_number_masked" varchar(18) NOT NULL, "mobile_enc" varchar(100), "mobile_hash" varchar(64), "mobile_masked" varchar(11))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_person"("id", "name", "gender", "birth_date", "ethnicity", "political_affiliation", "education", "category", "profession", "employer", "position", "returnee", "returnee_country", "district_code", "street_code", "community", "status", "registered_on", "version", "created_at", "updated_at", "id_number_enc", "id_number_hash", "id_number_masked", "mobile_enc", "mobile_hash", "mobile_masked") SELECT "id", "name", "gender", "birth_date", "ethnicity", "political_affiliation", "education", "category", "profession", "employer", "position", "returnee", "returnee_country", "district_code", "street_code", "community", "status", "registered_on", "version", "created_at", "updated_at", "id_number_enc", "id_number_hash", "id_number_masked", "mobile_enc", "mobile_hash", "mobile_masked" FROM "person"',
    );
    await queryRunner.query('DROP TABLE "person"');
    await queryRunner.query('ALTER TABLE "temporary_person" RENAME TO "person"');
    await queryRunner.query('CREATE INDEX "idx_person_district" ON "person" ("district_code", "id", "status") ');
    await queryRunner.query('CREATE INDEX "idx_person_status_district_category" ON "person" ("status", "district_code", "category") ');
    await queryRunner.query('CREATE INDEX "idx_person_mobile_hash" ON "person" ("mobile_hash") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_person_id_number_hash" ON "person" ("id_number_hash") ');
    await queryRunner.query('CREATE INDEX "idx_person_affiliation" ON "person" ("political_affiliation", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_profession" ON "person" ("profession", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_category" ON "person" ("category", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_street" ON "person" ("street_code", "id") ');
  }
}
