import { MigrationInterface, QueryRunner } from 'typeorm';

export class TalentPoolSchemesArrangements1795611149118 implements MigrationInterface {
  name = 'TalentPoolSchemesArrangements1795611149118';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `political_arrangement` (`id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `kind` varchar(24) NOT NULL, `level` varchar(12) NOT NULL, `body` varchar(100) NOT NULL, `position` varchar(100) NULL, `district_code` varchar(6) NOT NULL, `term_start` date NOT NULL, `term_end` date NOT NULL, `status` varchar(12) NOT NULL, `recommended_at` datetime NULL, `appointed_at` datetime NULL, `closed_at` datetime NULL, `changed_by` varchar(200) NOT NULL, `note` varchar(500) NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_arrangement_status` (`status`, `term_start`, `id`), INDEX `idx_arrangement_district` (`district_code`, `id`), INDEX `idx_arrangement_person` (`person_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `evaluation_scheme` (`year` int NOT NULL, `name` varchar(100) NOT NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), PRIMARY KEY (`year`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `evaluation_scheme_weight` (`year` int NOT NULL, `dimension` varchar(24) NOT NULL, `weight` decimal(5,4) NOT NULL, `position` int NOT NULL, PRIMARY KEY (`year`, `dimension`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `talent_pool_entry` (`id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `level` varchar(8) NOT NULL, `district_code` varchar(6) NOT NULL, `year` int NOT NULL, `status` varchar(12) NOT NULL, `reason` varchar(500) NOT NULL, `added_by` varchar(200) NOT NULL, `renewed_from_id` varchar(36) NULL, `removed_by` varchar(200) NULL, `removed_at` datetime NULL, `removal_reason` varchar(500) NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), INDEX `idx_talent_pool_district` (`district_code`, `id`), INDEX `idx_talent_pool_pool` (`year`, `level`, `district_code`, `status`, `id`), UNIQUE INDEX `uq_talent_pool_person` (`person_id`, `level`, `district_code`, `year`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `talent_pool_quota` (`year` int NOT NULL, `level` varchar(8) NOT NULL, `district_code` varchar(6) NOT NULL, `minimum` int NOT NULL, `maximum` int NULL, `version` int NOT NULL, PRIMARY KEY (`year`, `level`, `district_code`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `evaluation` ADD `scheme_name` varchar(100) NULL');
    await queryRunner.query(
      'ALTER TABLE `evaluation_scheme_weight` ADD CONSTRAINT `fk_evaluation_scheme_weight_scheme` FOREIGN KEY (`year`) REFERENCES `evaluation_scheme`(`year`) ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `evaluation_scheme_weight` DROP FOREIGN KEY `fk_evaluation_scheme_weight_scheme`');
    await queryRunner.query('ALTER TABLE `evaluation` DROP COLUMN `scheme_name`');
    await queryRunner.query('DROP TABLE `talent_pool_quota`');
    await queryRunner.query('DROP INDEX `uq_talent_pool_person` ON `talent_pool_entry`');
    await queryRunner.query('DROP INDEX `idx_talent_pool_pool` ON `talent_pool_entry`');
    await queryRunner.query('DROP INDEX `idx_talent_pool_district` ON `talent_pool_entry`');
    await queryRunner.query('DROP TABLE `talent_pool_entry`');
    await queryRunner.query('DROP TABLE `evaluation_scheme_weight`');
    await queryRunner.query('DROP TABLE `evaluation_scheme`');
    await queryRunner.query('DROP INDEX `idx_arrangement_person` ON `political_arrangement`');
    await queryRunner.query('DROP INDEX `idx_arrangement_district` ON `political_arrangement`');
    await queryRunner.query('DROP INDEX `idx_arrangement_status` ON `political_arrangement`');
    await queryRunner.query('DROP TABLE `political_arrangement`');
  }
}
