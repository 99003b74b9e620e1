import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795604011868 implements MigrationInterface {
  name = 'Init1795604011868';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `organization` (`id` varchar(36) NOT NULL, `name` varchar(100) NOT NULL, `kind` varchar(32) NOT NULL, `level` varchar(12) NOT NULL, `district_code` varchar(6) NOT NULL, `street_code` varchar(9) NULL, `community` varchar(50) NULL, `parent_id` varchar(36) NULL, `description` varchar(500) NULL, `founded_on` date NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_organization_parent` (`parent_id`, `id`), INDEX `idx_organization_level` (`level`, `id`), INDEX `idx_organization_kind` (`kind`, `id`), INDEX `idx_organization_district` (`district_code`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `membership` (`id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `organization_id` varchar(36) NOT NULL, `district_code` varchar(6) NOT NULL, `role` varchar(20) NOT NULL, `start_date` date NOT NULL, `end_date` date NULL, `end_reason` varchar(200) NULL, `active` tinyint NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_membership_organization` (`organization_id`, `id`), UNIQUE INDEX `uq_membership_active` (`person_id`, `organization_id`, `active`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `uq_membership_active` ON `membership`');
    await queryRunner.query('DROP INDEX `idx_membership_organization` ON `membership`');
    await queryRunner.query('DROP TABLE `membership`');
    await queryRunner.query('DROP INDEX `idx_organization_district` ON `organization`');
    await queryRunner.query('DROP INDEX `idx_organization_kind` ON `organization`');
    await queryRunner.query('DROP INDEX `idx_organization_level` ON `organization`');
    await queryRunner.query('DROP INDEX `idx_organization_parent` ON `organization`');
    await queryRunner.query('DROP TABLE `organization`');
  }
}
