import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1795608860658 implements MigrationInterface {
  name = 'AuditLog1795608860658';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "audit_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "occurred_at" datetime NOT NULL, "subject" varchar(100) NOT NULL, "role" varchar(20), "viewer_scope" varchar(60), "action" varchar(40) NOT NULL, "entity_type" varchar(30) NOT NULL, "entity_id" varchar(36), "outcome" varchar(10) NOT NULL, "detail" varchar(500), "request_id" varchar(64) NOT NULL)',
    );
    await queryRunner.query('CREATE INDEX "idx_audit_outcome" ON "audit_event" ("outcome", "id") ');
    await queryRunner.query('CREATE INDEX "idx_audit_action" ON "audit_event" ("action", "id") ');
    await queryRunner.query('CREATE INDEX "idx_audit_subject" ON "audit_event" ("subject", "id") ');
    await queryRunner.query('CREATE INDEX "idx_audit_entity" ON "audit_event" ("entity_type", "entity_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_audit_entity"');
    await queryRunner.query('DROP INDEX "idx_audit_subject"');
    await queryRunner.query('DROP INDEX "idx_audit_action"');
    await queryRunner.query('DROP INDEX "idx_audit_outcome"');
    await queryRunner.query('DROP TABLE "audit_event"');
  }
}
