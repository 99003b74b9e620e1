import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipOutbox1796660000000 implements MigrationInterface {
  name = 'MembershipOutbox1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `outbox_event` (`id` varchar(36) NOT NULL, `type` varchar(40) NOT NULL, `payload` varchar(500) NOT NULL, `created_at` datetime NOT NULL, `delivered_at` datetime NULL, INDEX `idx_outbox_pending` (`delivered_at`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_outbox_pending` ON `outbox_event`');
    await queryRunner.query('DROP TABLE `outbox_event`');
  }
}
