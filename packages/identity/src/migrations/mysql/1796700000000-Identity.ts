import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1796700000000 implements MigrationInterface {
  name = 'Identity1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `account` (`id` varchar(36) NOT NULL, `username` varchar(64) NOT NULL, `password_hash` varchar(255) NOT NULL, `display_name` varchar(100) NOT NULL, `role` varchar(24) NOT NULL, `district_code` varchar(12) NULL, `organization_id` varchar(36) NULL, `person_id` varchar(36) NULL, `disabled` tinyint NOT NULL DEFAULT 0, `failed_attempts` int NOT NULL DEFAULT '0', `first_failed_at` datetime NULL, `locked_until` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, UNIQUE INDEX `uq_account_username` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      'CREATE TABLE `oidc_model` (`kind` varchar(40) NOT NULL, `id` varchar(128) NOT NULL, `payload` text NOT NULL, `grant_id` varchar(128) NULL, `uid` varchar(128) NULL, `expires_at` datetime NULL, `consumed_at` datetime NULL, INDEX `idx_oidc_model_expires` (`expires_at`), INDEX `idx_oidc_model_uid` (`kind`, `uid`), INDEX `idx_oidc_model_grant` (`grant_id`), PRIMARY KEY (`kind`, `id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_oidc_model_grant` ON `oidc_model`');
    await queryRunner.query('DROP INDEX `idx_oidc_model_uid` ON `oidc_model`');
    await queryRunner.query('DROP INDEX `idx_oidc_model_expires` ON `oidc_model`');
    await queryRunner.query('DROP TABLE `oidc_model`');
    await queryRunner.query('DROP INDEX `uq_account_username` ON `account`');
    await queryRunner.query('DROP TABLE `account`');
  }
}
