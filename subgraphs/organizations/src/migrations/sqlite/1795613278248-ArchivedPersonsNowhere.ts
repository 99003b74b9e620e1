import { MigrationInterface, QueryRunner } from 'typeorm';

export class ArchivedPersonsNowhere1795613278248 implements MigrationInterface {
  name = 'ArchivedPersonsNowhere1795613278248';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_member_district_district"');
    await queryRunner.query('CREATE TABLE "temporary_member_district" ("person_id" varchar(36) PRIMARY KEY NOT NULL, "district_code" varchar(6) NOT NULL, "person_version" integer NOT NULL)');
    await queryRunner.query('INSERT INTO "temporary_member_district"("person_id", "district_code", "person_version") SELECT "person_id", "district_code", "person_version" FROM "member_district"');
    await queryRunner.query('DROP TABLE "member_district"');
    await queryRunner.query('ALTER TABLE "temporary_member_district" RENAME TO "member_district"');
    await queryRunner.query('CREATE INDEX "idx_member_district_district" ON "member_district" ("district_code", "person_id") ');
    await queryRunner.query('DROP INDEX "idx_member_district_district"');
    await queryRunner.query('CREATE TABLE "temporary_member_district" ("person_id" varchar(36) PRIMARY KEY NOT NULL, "district_code" varchar(6), "person_version" integer NOT NULL)');
    await queryRunner.query('INSERT INTO "temporary_member_district"("person_id", "district_code", "person_version") SELECT "person_id", "district_code", "person_version" FROM "member_district"');
    await queryRunner.query('DROP TABLE "member_district"');
    await queryRunner.query('ALTER TABLE "temporary_member_district" RENAME TO "member_district"');
    await queryRunner.query('CREATE INDEX "idx_member_district_district" ON "member_district" ("district_code", "person_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_member_district_district"');
    await queryRunner.query('ALTER TABLE "member_district" RENAME TO "temporary_member_district"');
    await queryRunner.query('CREATE TABLE "member_district" ("person_id" varchar(36) PRIMARY KEY NOT NULL, "district_code" varchar(6) NOT NULL, "person_version" integer NOT NULL)');
    await queryRunner.query('INSERT INTO "member_district"("person_id", "district_code", "person_version") SELECT "person_id", "district_code", "person_version" FROM "temporary_member_district"');
    await queryRunner.query('DROP TABLE "temporary_member_district"');
    await queryRunner.query('CREATE INDEX "idx_member_district_district" ON "member_district" ("district_code", "person_id") ');
    await queryRunner.query('DROP INDEX "idx_member_district_district"');
    await queryRunner.query('ALTER TABLE "member_district" RENAME TO "temporary_member_district"');
    await queryRunner.query('CREATE TABLE "member_district" ("person_id" varchar(36) PRIMARY KEY NOT NULL, "district_code" varchar(6) NOT NULL, "person_version" integer NOT NULL)');
    await queryRunner.query('INSERT INTO "member_district"("person_id", "district_code", "person_version") SELECT "person_id", "district_code", "person_version" FROM "temporary_member_district"');
    await queryRunner.query('DROP TABLE "temporary_member_district"');
    await queryRunner.query('CREATE INDEX "idx_member_district_district" ON "member_district" ("district_code", "person_id") ');
  }
}
