import { MigrationInterface, QueryRunner } from 'typeorm';

/** The day of the reply (an answer or a rejection), China date, from the handling steps of the feedback answered before it was kept. */
export class FeedbackRespondedOn1796660000000 implements MigrationInterface {
  name = 'FeedbackRespondedOn1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_feedback_person"');
    await queryRunner.query('DROP INDEX "idx_feedback_district"');
    await queryRunner.query('DROP INDEX "idx_feedback_activity"');
    await queryRunner.query('DROP INDEX "idx_feedback_status_due"');
    await queryRunner.query(
      'CREATE TABLE "temporary_feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "content" varchar(4000) NOT NULL, "person_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "activity_id" varchar(36), "status" varchar(12) NOT NULL, "department" varchar(100), "answer" varchar(4000), "reject_reason" varchar(500), "submitted_at" datetime NOT NULL, "due_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "responded_on" date, CONSTRAINT "fk_feedback_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_feedback"("id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at") SELECT "id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at" FROM "feedback"',
    );
    await queryRunner.query('DROP TABLE "feedback"');
    await queryRunner.query('ALTER TABLE "temporary_feedback" RENAME TO "feedback"');
    await queryRunner.query('CREATE INDEX "idx_feedback_person" ON "feedback" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_district" ON "feedback" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_activity" ON "feedback" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_status_due" ON "feedback" ("status", "due_on") ');
    // Written by hand: the first step to ANSWERED or REJECTED, its UTC instant as a China date.
    await queryRunner.query(
      `UPDATE "feedback" SET "responded_on" = (SELECT date(MIN("s"."at"), '+8 hours') FROM "feedback_step" "s" WHERE "s"."feedback_id" = "feedback"."id" AND "s"."to_status" IN ('ANSWERED', 'REJECTED'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_feedback_status_due"');
    await queryRunner.query('DROP INDEX "idx_feedback_activity"');
    await queryRunner.query('DROP INDEX "idx_feedback_district"');
    await queryRunner.query('DROP INDEX "idx_feedback_person"');
    await queryRunner.query('ALTER TABLE "feedback" RENAME TO "temporary_feedback"');
    await queryRunner.query(
      'CREATE TABLE "feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "content" varchar(4000) NOT NULL, "person_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "activity_id" varchar(36), "status" varchar(12) NOT NULL, "department" varchar(100), "answer" varchar(4000), "reject_reason" varchar(500), "submitted_at" datetime NOT NULL, "due_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_feedback_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "feedback"("id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at") SELECT "id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at" FROM "temporary_feedback"',
    );
    await queryRunner.query('DROP TABLE "temporary_feedback"');
    await queryRunner.query('CREATE INDEX "idx_feedback_status_due" ON "feedback" ("status", "due_on") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_activity" ON "feedback" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_district" ON "feedback" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_person" ON "feedback" ("person_id", "id") ');
  }
}
