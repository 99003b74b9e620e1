import { MigrationInterface, QueryRunner } from 'typeorm';

export class MeetingsTermsStats1795611134708 implements MigrationInterface {
  name = 'MeetingsTermsStats1795611134708';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `meeting` (`id` varchar(36) NOT NULL, `body_id` varchar(36) NOT NULL, `district_code` varchar(6) NOT NULL, `held_on` date NOT NULL, `topic` varchar(200) NOT NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), INDEX `idx_meeting_body` (`body_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('CREATE TABLE `meeting_attendance` (`meeting_id` varchar(36) NOT NULL, `unit_id` varchar(36) NOT NULL, PRIMARY KEY (`meeting_id`, `unit_id`)) ENGINE=InnoDB');
    await queryRunner.query(
      'CREATE TABLE `meeting_decision` (`id` varchar(36) NOT NULL, `meeting_id` varchar(36) NOT NULL, `position` int NOT NULL, `text` varchar(500) NOT NULL, `responsible_unit_id` varchar(36) NULL, `due_date` date NULL, INDEX `idx_meeting_decision_meeting` (`meeting_id`, `position`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('ALTER TABLE `organization` ADD `unit_role` varchar(20) NULL');
    await queryRunner.query('ALTER TABLE `organization` ADD `contact_name` varchar(50) NULL');
    await queryRunner.query('ALTER TABLE `organization` ADD `contact_phone` varchar(20) NULL');
    await queryRunner.query('ALTER TABLE `membership` ADD `term_start` date NULL');
    await queryRunner.query('ALTER TABLE `membership` ADD `term_end` date NULL');
    await queryRunner.query('ALTER TABLE `membership` ADD `previous_id` varchar(36) NULL');
    await queryRunner.query('ALTER TABLE `membership` ADD `next_id` varchar(36) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `next_id`');
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `previous_id`');
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `term_end`');
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `term_start`');
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `contact_phone`');
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `contact_name`');
    await queryRunner.query('ALTER TABLE `organization` DROP COLUMN `unit_role`');
    await queryRunner.query('DROP INDEX `idx_meeting_decision_meeting` ON `meeting_decision`');
    await queryRunner.query('DROP TABLE `meeting_decision`');
    await queryRunner.query('DROP TABLE `meeting_attendance`');
    await queryRunner.query('DROP INDEX `idx_meeting_body` ON `meeting`');
    await queryRunner.query('DROP TABLE `meeting`');
  }
}
