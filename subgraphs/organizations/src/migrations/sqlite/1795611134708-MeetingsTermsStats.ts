import { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingsTermsStats1795611134708 implements MigrationInterface {
  name = 'MeetingsTermsStats1795611134708';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "meeting" ("id" varchar(36) PRIMARY KEY NOT NULL, "body_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "held_on" date NOT NULL, "topic" varchar(200) NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_meeting_body" ON "meeting" ("body_id", "id") ');
    await queryRunner.query('CREATE TABLE "meeting_attendance" ("meeting_id" varchar(36) NOT NULL, "unit_id" varchar(36) NOT NULL, PRIMARY KEY ("meeting_id", "unit_id"))');
    await queryRunner.query(
      'CREATE TABLE "meeting_decision" ("id" varchar(36) PRIMARY KEY NOT NULL, "meeting_id" varchar(36) NOT NULL, "position" integer NOT NULL, "text" varchar(500) NOT NULL, "responsible_unit_id" varchar(36), "due_date" date)',
    );
    await queryRunner.query('CREATE INDEX "idx_meeting_decision_meeting" ON "meeting_decision" ("meeting_id", "position") ');
    await queryRunner.query('DROP INDEX "idx_organization_district"');
    await queryRunner.query('DROP INDEX "idx_organization_kind"');
    await queryRunner.query('DROP INDEX "idx_organization_level"');
    await queryRunner.query('DROP INDEX "idx_organization_parent"');
    await queryRunner.query(
      'CREATE TABLE "temporary_organization" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "level" varchar(12) NOT NULL, "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "parent_id" varchar(36), "description" varchar(500), "founded_on" date, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "unit_role" varchar(20), "contact_name" varchar(50), "contact_phone" varchar(20))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_organization"("id", "name", "kind", "level", "district_code", "street_code", "community", "parent_id", "description", "founded_on", "version", "created_at", "updated_at") SELECT "id", "name", "kind", "level", "district_code", "street_code", "community", "parent_id", "description", "founded_on", "version", "created_at", "updated_at" FROM "organization"',
    );
    await queryRunner.query('DROP TABLE "organization"');
    await queryRunner.query('ALTER TABLE "temporary_organization" RENAME TO "organization"');
    await queryRunner.query('CREATE INDEX "idx_organization_district" ON "organization" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_kind" ON "organization" ("kind", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_level" ON "organization" ("level", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_parent" ON "organization" ("parent_id", "id") ');
    await queryRunner.query('DROP INDEX "uq_membership_active"');
    await queryRunner.query('DROP INDEX "idx_membership_organization"');
    await queryRunner.query(
      'CREATE TABLE "temporary_membership" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "role" varchar(20) NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" varchar(200), "active" boolean, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "term_start" date, "term_end" date, "previous_id" varchar(36), "next_id" varchar(36))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_membership"("id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at") SELECT "id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at" FROM "membership"',
    );
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('ALTER TABLE "temporary_membership" RENAME TO "membership"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_membership_active" ON "membership" ("person_id", "organization_id", "active") ');
    await queryRunner.query('CREATE INDEX "idx_membership_organization" ON "membership" ("organization_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_membership_organization"');
    await queryRunner.query('DROP INDEX "uq_membership_active"');
    await queryRunner.query('ALTER TABLE "membership" RENAME TO "temporary_membership"');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "role" varchar(20) NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" varchar(200), "active" boolean, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "membership"("id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at") SELECT "id", "person_id", "organization_id", "district_code", "role", "start_date", "end_date", "end_reason", "active", "version", "created_at", "updated_at" FROM "temporary_membership"',
    );
    await queryRunner.query('DROP TABLE "temporary_membership"');
    await queryRunner.query('CREATE INDEX "idx_membership_organization" ON "membership" ("organization_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_membership_active" ON "membership" ("person_id", "organization_id", "active") ');
    await queryRunner.query('DROP INDEX "idx_organization_parent"');
    await queryRunner.query('DROP INDEX "idx_organization_level"');
    await queryRunner.query('DROP INDEX "idx_organization_kind"');
    await queryRunner.query('DROP INDEX "idx_organization_district"');
    await queryRunner.query('ALTER TABLE "organization" RENAME TO "temporary_organization"');
    await queryRunner.query(
      'CREATE TABLE "organization" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "level" varchar(12) NOT NULL, "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "parent_id" varchar(36), "description" varchar(500), "founded_on" date, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "organization"("id", "name", "kind", "level", "district_code", "street_code", "community", "parent_id", "description", "founded_on", "version", "created_at", "updated_at") SELECT "id", "name", "kind", "level", "district_code", "street_code", "community", "parent_id", "description", "founded_on", "version", "created_at", "updated_at" FROM "temporary_organization"',
    );
    await queryRunner.query('DROP TABLE "temporary_organization"');
    await queryRunner.query('CREATE INDEX "idx_organization_parent" ON "organization" ("parent_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_level" ON "organization" ("level", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_kind" ON "organization" ("kind", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_district" ON "organization" ("district_code", "id") ');
    await queryRunner.query('DROP INDEX "idx_meeting_decision_meeting"');
    await queryRunner.query('DROP TABLE "meeting_decision"');
    await queryRunner.query('DROP TABLE "meeting_attendance"');
    await queryRunner.query('DROP INDEX "idx_meeting_body"');
    await queryRunner.query('DROP TABLE "meeting"');
  }
}
