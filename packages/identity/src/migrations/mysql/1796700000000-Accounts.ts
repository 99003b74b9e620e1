import { MigrationInterface, QueryRunner } from 'typeorm';

export class Accounts1796700000000 implements MigrationInterface {
  name = 'Accounts1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `account` (`id` varchar(36) NOT NULL, `username` varchar(64) NOT NULL, `password_hash` varchar(255) NOT NULL, `display_name` varchar(100) NOT NULL, `role` varchar(24) NOT NULL, `district_code` varchar(12) NULL, `organization_id` varchar(36) NULL, `person_id` varchar(36) NULL, `disabled` tinyint NOT NULL DEFAULT 0, `failed_attempts` int NOT NULL DEFAULT '0', `first_failed_at` datetime NULL, `locked_until` datetime NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), `version` int NOT NULL, UNIQUE INDEX `uq_account_username` (`username`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_account_username` ON `account`');
    await queryRunner.query('DROP TABLE `account`');
  }
}
