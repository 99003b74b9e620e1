import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityUpdatesAndFeedback1795611184090 implements MigrationInterface {
  name = 'ActivityUpdatesAndFeedback1795611184090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `feedback` (`id` varchar(36) NOT NULL, `kind` varchar(24) NOT NULL, `title` varchar(100) NOT NULL, `content` varchar(4000) NOT NULL, `person_id` varchar(36) NOT NULL, `district_code` varchar(6) NOT NULL, `activity_id` varchar(36) NULL, `status` varchar(12) NOT NULL, `department` varchar(100) NULL, `answer` varchar(4000) NULL, `reject_reason` varchar(500) NULL, `submitted_at` datetime NOT NULL, `due_on` date NOT NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_feedback_status_due` (`status`, `due_on`), INDEX `idx_feedback_activity` (`activity_id`, `id`), INDEX `idx_feedback_district` (`district_code`, `id`), INDEX `idx_feedback_person` (`person_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query(
      'CREATE TABLE `feedback_step` (`id` varchar(36) NOT NULL, `feedback_id` varchar(36) NOT NULL, `from_status` varchar(12) NULL, `to_status` varchar(12) NOT NULL, `actor_subject` varchar(200) NOT NULL, `actor_role` varchar(20) NULL, `at` datetime NOT NULL, `department` varchar(100) NULL, `note` varchar(4000) NULL, INDEX `idx_feedback_step_feedback` (`feedback_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query("ALTER TABLE `participation` ADD `version` int NOT NULL DEFAULT '1'");
    await queryRunner.query('ALTER TABLE `feedback` ADD CONSTRAINT `fk_feedback_activity` FOREIGN KEY (`activity_id`) REFERENCES `activity`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT');
    await queryRunner.query('ALTER TABLE `feedback_step` ADD CONSTRAINT `fk_feedback_step_feedback` FOREIGN KEY (`feedback_id`) REFERENCES `feedback`(`id`) ON DELETE RESTRICT ON UPDATE RESTRICT');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `feedback_step` DROP FOREIGN KEY `fk_feedback_step_feedback`');
    await queryRunner.query('ALTER TABLE `feedback` DROP FOREIGN KEY `fk_feedback_activity`');
    await queryRunner.query('ALTER TABLE `participation` DROP COLUMN `version`');
    await queryRunner.query('DROP INDEX `idx_feedback_step_feedback` ON `feedback_step`');
    await queryRunner.query('DROP TABLE `feedback_step`');
    await queryRunner.query('DROP INDEX `idx_feedback_person` ON `feedback`');
    await queryRunner.query('DROP INDEX `idx_feedback_district` ON `feedback`');
    await queryRunner.query('DROP INDEX `idx_feedback_activity` ON `feedback`');
    await queryRunner.query('DROP INDEX `idx_feedback_status_due` ON `feedback`');
    await queryRunner.query('DROP TABLE `feedback`');
  }
}
