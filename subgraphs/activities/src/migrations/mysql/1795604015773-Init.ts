import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795604015773 implements MigrationInterface {
  name = 'Init1795604015773';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `activity` (`id` varchar(36) NOT NULL, `title` varchar(100) NOT NULL, `kind` varchar(24) NOT NULL, `description` varchar(2000) NULL, `organizer_id` varchar(36) NULL, `district_code` varchar(6) NOT NULL, `location` varchar(100) NULL, `starts_at` datetime NOT NULL, `ends_at` datetime NULL, `capacity` int NULL, `status` varchar(12) NOT NULL DEFAULT 'PLANNED', `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_activity_starts_at` (`starts_at`, `id`), INDEX `idx_activity_status` (`status`, `id`), INDEX `idx_activity_kind` (`kind`, `id`), INDEX `idx_activity_organizer` (`organizer_id`, `id`), INDEX `idx_activity_district` (`district_code`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query(
      "CREATE TABLE `participation` (`id` varchar(36) NOT NULL, `activity_id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `role` varchar(12) NOT NULL DEFAULT 'PARTICIPANT', `attendance` varchar(12) NOT NULL DEFAULT 'REGISTERED', `hours` decimal(3,1) NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_participation_activity_person` (`activity_id`, `person_id`), INDEX `idx_participation_activity` (`activity_id`, `id`), INDEX `idx_participation_person` (`person_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
    await queryRunner.query('ALTER TABLE `participation` ADD CONSTRAINT `fk_participation_activity` FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `participation` DROP FOREIGN KEY `fk_participation_activity`');
    await queryRunner.query('DROP INDEX `idx_participation_person` ON `participation`');
    await queryRunner.query('DROP INDEX `idx_participation_activity` ON `participation`');
    await queryRunner.query('DROP INDEX `uq_participation_activity_person` ON `participation`');
    await queryRunner.query('DROP TABLE `participation`');
    await queryRunner.query('DROP INDEX `idx_activity_district` ON `activity`');
    await queryRunner.query('DROP INDEX `idx_activity_organizer` ON `activity`');
    await queryRunner.query('DROP INDEX `idx_activity_kind` ON `activity`');
    await queryRunner.query('DROP INDEX `idx_activity_status` ON `activity`');
    await queryRunner.query('DROP INDEX `idx_activity_starts_at` ON `activity`');
    await queryRunner.query('DROP TABLE `activity`');
  }
}
