import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1796700000000 implements MigrationInterface {
  name = 'Accounts1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "account" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "password_hash" varchar(255) NOT NULL, "display_name" varchar(100) NOT NULL, "role" varchar(24) NOT NULL, "district_code" varchar(12), "organization_id" varchar(36), "person_id" varchar(36), "disabled" boolean NOT NULL DEFAULT (0), "failed_attempts" integer NOT NULL DEFAULT (0), "first_failed_at" datetime, "locked_until" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_account_username" ON "account" ("username") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_account_username"');
    await queryRunner.query('DROP TABLE "account"');
  }
}
