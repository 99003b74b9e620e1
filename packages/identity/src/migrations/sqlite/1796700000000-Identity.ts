import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1796700000000 implements MigrationInterface {
  name = 'Identity1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "account" ("id" varchar(36) PRIMARY KEY NOT NULL, "username" varchar(64) NOT NULL, "password_hash" varchar(255) NOT NULL, "display_name" varchar(100) NOT NULL, "role" varchar(24) NOT NULL, "district_code" varchar(12), "organization_id" varchar(36), "person_id" varchar(36), "disabled" boolean NOT NULL DEFAULT (0), "failed_attempts" integer NOT NULL DEFAULT (0), "first_failed_at" datetime, "locked_until" datetime, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL)',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_account_username" ON "account" ("username") ');
    await queryRunner.query(
      'CREATE TABLE "oidc_model" ("kind" varchar(40) NOT NULL, "id" varchar(128) NOT NULL, "payload" text NOT NULL, "grant_id" varchar(128), "uid" varchar(128), "expires_at" datetime, "consumed_at" datetime, PRIMARY KEY ("kind", "id"))',
    );
    await queryRunner.query('CREATE INDEX "idx_oidc_model_expires" ON "oidc_model" ("expires_at") ');
    await queryRunner.query('CREATE INDEX "idx_oidc_model_uid" ON "oidc_model" ("kind", "uid") ');
    await queryRunner.query('CREATE INDEX "idx_oidc_model_grant" ON "oidc_model" ("grant_id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_oidc_model_grant"');
    await queryRunner.query('DROP INDEX "idx_oidc_model_uid"');
    await queryRunner.query('DROP INDEX "idx_oidc_model_expires"');
    await queryRunner.query('DROP TABLE "oidc_model"');
    await queryRunner.query('DROP INDEX "uq_account_username"');
    await queryRunner.query('DROP TABLE "account"');
  }
}
