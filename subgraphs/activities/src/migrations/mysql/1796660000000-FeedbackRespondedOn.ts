import { MigrationInterface, QueryRunner } from 'typeorm';

/** The day of the reply (an answer or a rejection), China date, from the handling steps of the feedback answered before it was kept. */
export class FeedbackRespondedOn1796660000000 implements MigrationInterface {
  name = 'FeedbackRespondedOn1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `feedback` ADD `responded_on` date NULL');
    // Written by hand: the first step to ANSWERED or REJECTED, its UTC instant as a China date.
    await queryRunner.query(
      "UPDATE `feedback` `f` JOIN (SELECT `feedback_id`, MIN(`at`) AS `first_at` FROM `feedback_step` WHERE `to_status` IN ('ANSWERED', 'REJECTED') GROUP BY `feedback_id`) `s` ON `s`.`feedback_id` = `f`.`id` SET `f`.`responded_on` = DATE(DATE_ADD(`s`.`first_at`, INTERVAL 8 HOUR))",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `feedback` DROP COLUMN `responded_on`');
  }
}
