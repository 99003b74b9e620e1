import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795608860658 implements MigrationInterface {
  name = 'AuditLog1795608860658';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `audit_event` (`id` varchar(36) NOT NULL, `occurred_at` datetime NOT NULL, `subject` varchar(100) NOT NULL, `role` varchar(20) NULL, `viewer_scope` varchar(60) NULL, `action` varchar(40) NOT NULL, `entity_type` varchar(30) NOT NULL, `entity_id` varchar(36) NULL, `outcome` varchar(10) NOT NULL, `detail` varchar(500) NULL, `request_id` varchar(64) NOT NULL, INDEX `idx_audit_outcome` (`outcome`, `id`), INDEX `idx_audit_action` (`action`, `id`), INDEX `idx_audit_subject` (`subject`, `id`), INDEX `idx_audit_entity` (`entity_type`, `entity_id`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_audit_entity` ON `audit_event`');
    await queryRunner.query('DROP INDEX `idx_audit_subject` ON `audit_event`');
    await queryRunner.query('DROP INDEX `idx_audit_action` ON `audit_event`');
    await queryRunner.query('DROP INDEX `idx_audit_outcome` ON `audit_event`');
    await queryRunner.query('DROP TABLE `audit_event`');
  }
}
