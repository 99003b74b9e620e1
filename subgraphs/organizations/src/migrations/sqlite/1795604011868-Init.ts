import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795604011868 implements MigrationInterface {
  name = 'Init1795604011868';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "organization" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "kind" varchar(32) NOT NULL, "level" varchar(12) NOT NULL, "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "parent_id" varchar(36), "description" varchar(500), "founded_on" date, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_organization_parent" ON "organization" ("parent_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_level" ON "organization" ("level", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_kind" ON "organization" ("kind", "id") ');
    await queryRunner.query('CREATE INDEX "idx_organization_district" ON "organization" ("district_code", "id") ');
    await queryRunner.query(
      'CREATE TABLE "membership" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "organization_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "role" varchar(20) NOT NULL, "start_date" date NOT NULL, "end_date" date, "end_reason" varchar(200), "active" boolean, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_membership_organization" ON "membership" ("organization_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_membership_active" ON "membership" ("person_id", "organization_id", "active") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_membership_active"');
    await queryRunner.query('DROP INDEX "idx_membership_organization"');
    await queryRunner.query('DROP TABLE "membership"');
    await queryRunner.query('DROP INDEX "idx_organization_district"');
    await queryRunner.query('DROP INDEX "idx_organization_kind"');
    await queryRunner.query('DROP INDEX "idx_organization_level"');
    await queryRunner.query('DROP INDEX "idx_organization_parent"');
    await queryRunner.query('DROP TABLE "organization"');
  }
}
