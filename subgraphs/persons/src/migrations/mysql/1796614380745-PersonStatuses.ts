import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishPersonStatuses } from '../publish-statuses';

/** The outbox delivers to the evaluation subgraph too, and every person is published again with their status (a data step, written by hand). */
export class PersonStatuses1796614380745 implements MigrationInterface {
  name = 'PersonStatuses1796614380745';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `outbox_event` ADD `evaluation_delivered_at` datetime NULL');
    await queryRunner.query('CREATE INDEX `idx_outbox_pending_evaluation` ON `outbox_event` (`evaluation_delivered_at`, `id`)');
    await publishPersonStatuses(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_outbox_pending_evaluation` ON `outbox_event`');
    await queryRunner.query('ALTER TABLE `outbox_event` DROP COLUMN `evaluation_delivered_at`');
  }
}
