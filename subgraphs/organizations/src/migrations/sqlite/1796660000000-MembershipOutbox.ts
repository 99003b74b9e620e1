import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipOutbox1796660000000 implements MigrationInterface {
  name = 'MembershipOutbox1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "outbox_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(40) NOT NULL, "payload" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "delivered_at" datetime)',
    );
    await queryRunner.query('CREATE INDEX "idx_outbox_pending" ON "outbox_event" ("delivered_at", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_outbox_pending"');
    await queryRunner.query('DROP TABLE "outbox_event"');
  }
}
