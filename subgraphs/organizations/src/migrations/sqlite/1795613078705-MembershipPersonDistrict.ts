import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipPersonDistrict1795613078705 implements MigrationInterface {
  name = 'MembershipPersonDistrict1795613078705';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_membership_district"');
    await queryRunner.query('DROP INDEX "idx_membership_organization"');
    await queryRunner.query('DROP INDEX "uq_membership_active"');
    await queryRunner.query(
      'CREATE TABLE "temporary_membership" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "role" varchar(20) NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" varchar(200), "active" boolean, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "term_start" date, "term_end" date, "previous_id" varchar(36), "next_id" varchar(36), "person_district_code" varchar(6))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_membership"("id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at", "term_start", "term_end", "previous_id", "next_id") SELECT "id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at", "term_start", "term_end", "previous_id", "next_id" FROM "membership"',
    );
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('ALTER TABLE "temporary_membership" RENAME TO "membership"');
    await queryRunner.query('CREATE INDEX "idx_membership_district" ON "membership" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_membership_organization" ON "membership" ("organization_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_membership_active" ON "membership" ("person_id", "organization_id", "active") ');
    await queryRunner.query('CREATE INDEX "idx_membership_matrix" ON "membership" ("end_date", "person_district_code", "district_code", "person_id") ');
    await queryRunner.query('CREATE INDEX "idx_membership_relation" ON "membership" ("person_district_code", "district_code", "end_date", "id") ');
    // Data (added by hand): the memberships that exist get their person's district from the replica.
    await queryRunner.query('UPDATE "membership" SET "person_district_code" = (SELECT "md"."district_code" FROM "member_district" "md" WHERE "md"."person_id" = "membership"."person_id")');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_membership_relation"');
    await queryRunner.query('DROP INDEX "idx_membership_matrix"');
    await queryRunner.query('DROP INDEX "uq_membership_active"');
    await queryRunner.query('DROP INDEX "idx_membership_organization"');
    await queryRunner.query('DROP INDEX "idx_membership_district"');
    await queryRunner.query('ALTER TABLE "membership" RENAME TO "temporary_membership"');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "role" varchar(20) NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" varchar(200), "active" boolean, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "term_start" date, "term_end" date, "previous_id" varchar(36), "next_id" varchar(36))',
    );
    await queryRunner.query(
      'INSERT INTO "membership"("id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at", "term_start", "term_end", "previous_id", "next_id") SELECT "id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at", "term_start", "term_end", "previous_id", "next_id" FROM "temporary_membership"',
    );
    await queryRunner.query('DROP TABLE "temporary_membership"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_membership_active" ON "membership" ("person_id", "organization_id", "active") ');
    await queryRunner.query('CREATE INDEX "idx_membership_organization" ON "membership" ("organization_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_membership_district" ON "membership" ("district_code", "id") ');
  }
}
