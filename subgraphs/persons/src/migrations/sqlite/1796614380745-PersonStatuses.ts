import { MigrationInterface, QueryRunner } from 'typeorm';
import { publishPersonStatuses } from '../publish-statuses';

/** The outbox delivers to the evaluation subgraph too, and every person is published again with their status (a data step, written by hand). */
export class PersonStatuses1796614380745 implements MigrationInterface {
  name = 'PersonStatuses1796614380745';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_outbox_pending"');
    await queryRunner.query(
      'CREATE TABLE "temporary_outbox_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(40) NOT NULL, "payload" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "delivered_at" datetime, "evaluation_delivered_at" datetime)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_outbox_event"("id", "type", "payload", "created_at", "delivered_at") SELECT "id", "type", "payload", "created_at", "delivered_at" FROM "outbox_event"',
    );
    await queryRunner.query('DROP TABLE "outbox_event"');
    await queryRunner.query('ALTER TABLE "temporary_outbox_event" RENAME TO "outbox_event"');
    await queryRunner.query('CREATE INDEX "idx_outbox_pending" ON "outbox_event" ("delivered_at", "id") ');
    await queryRunner.query('CREATE INDEX "idx_outbox_pending_evaluation" ON "outbox_event" ("evaluation_delivered_at", "id") ');
    await publishPersonStatuses(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_outbox_pending_evaluation"');
    await queryRunner.query('DROP INDEX "idx_outbox_pending"');
    await queryRunner.query('ALTER TABLE "outbox_event" RENAME TO "temporary_outbox_event"');
    await queryRunner.query(
      'CREATE TABLE "outbox_event" ("id" varchar(36) PRIMARY KEY NOT NULL, "type" varchar(40) NOT NULL, "payload" varchar(500) NOT NULL, "created_at" datetime NOT NULL, "delivered_at" datetime)',
    );
    await queryRunner.query(
      'INSERT INTO "outbox_event"("id", "type", "payload", "created_at", "delivered_at") SELECT "id", "type", "payload", "created_at", "delivered_at" FROM "temporary_outbox_event"',
    );
    await queryRunner.query('DROP TABLE "temporary_outbox_event"');
    await queryRunner.query('CREATE INDEX "idx_outbox_pending" ON "outbox_event" ("delivered_at", "id") ');
  }
}
