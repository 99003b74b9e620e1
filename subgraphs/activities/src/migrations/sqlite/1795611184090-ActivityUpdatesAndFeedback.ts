import { MigrationInterface, QueryRunner } from 'typeorm';

export class ActivityUpdatesAndFeedback1795611184090 implements MigrationInterface {
  name = 'ActivityUpdatesAndFeedback1795611184090';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "content" varchar(4000) NOT NULL, "person_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "activity_id" varchar(36), "status" varchar(12) NOT NULL, "department" varchar(100), "answer" varchar(4000), "reject_reason" varchar(500), "submitted_at" datetime NOT NULL, "due_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_feedback_status_due" ON "feedback" ("status", "due_on") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_activity" ON "feedback" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_district" ON "feedback" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_person" ON "feedback" ("person_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "feedback_step" ("id" varchar(36) PRIMARY KEY NOT NULL, "feedback_id" varchar(36) NOT NULL, "from_status" varchar(12), "to_status" varchar(12) NOT NULL, "actor_subject" varchar(200) NOT NULL, "actor_role" varchar(20), "at" datetime NOT NULL, "department" varchar(100), "note" varchar(4000))',
    );
    await queryRunner.query('CREATE INDEX "idx_feedback_step_feedback" ON "feedback_step" ("feedback_id", "id") ');
    await queryRunner.query('DROP INDEX "idx_participation_person"');
    await queryRunner.query('DROP INDEX "idx_participation_activity"');
    await queryRunner.query('DROP INDEX "uq_participation_activity_person"');
    await queryRunner.query(
      'CREATE TABLE "temporary_participation" ("id" varchar(36) PRIMARY KEY NOT NULL, "activity_id" varchar(36) NOT NULL, "person_id" varchar(36) NOT NULL, "role" varchar(12) NOT NULL DEFAULT (\'PARTICIPANT\'), "attendance" varchar(12) NOT NULL DEFAULT (\'REGISTERED\'), "hours" decimal(3,1), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "version" integer NOT NULL DEFAULT (1), CONSTRAINT "fk_participation_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_participation"("id", "activity_id", "person_id", "role", "attendance", "hours", "created_at") SELECT "id", "activity_id", "person_id", "role", "attendance", "hours", "created_at" FROM "participation"',
    );
    await queryRunner.query('DROP TABLE "participation"');
    await queryRunner.query('ALTER TABLE "temporary_participation" RENAME TO "participation"');
    await queryRunner.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_activity" ON "participation" ("activity_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_participation_activity_person" ON "participation" ("activity_id", "person_id") ');
    await queryRunner.query('DROP INDEX "idx_feedback_status_due"');
    await queryRunner.query('DROP INDEX "idx_feedback_activity"');
    await queryRunner.query('DROP INDEX "idx_feedback_district"');
    await queryRunner.query('DROP INDEX "idx_feedback_person"');
    await queryRunner.query(
      'CREATE TABLE "temporary_feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "content" varchar(4000) NOT NULL, "person_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "activity_id" varchar(36), "status" varchar(12) NOT NULL, "department" varchar(100), "answer" varchar(4000), "reject_reason" varchar(500), "submitted_at" datetime NOT NULL, "due_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_feedback_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_feedback"("id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at") SELECT "id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at" FROM "feedback"',
    );
    await queryRunner.query('DROP TABLE "feedback"');
    await queryRunner.query('ALTER TABLE "temporary_feedback" RENAME TO "feedback"');
    await queryRunner.query('CREATE INDEX "idx_feedback_status_due" ON "feedback" ("status", "due_on") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_activity" ON "feedback" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_district" ON "feedback" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_person" ON "feedback" ("person_id", "id") ');
    await queryRunner.query('DROP INDEX "idx_feedback_step_feedback"');
    await queryRunner.query(
      'CREATE TABLE "temporary_feedback_step" ("id" varchar(36) PRIMARY KEY NOT NULL, "feedback_id" varchar(36) NOT NULL, "from_status" varchar(12), "to_status" varchar(12) NOT NULL, "actor_subject" varchar(200) NOT NULL, "actor_role" varchar(20), "at" datetime NOT NULL, "department" varchar(100), "note" varchar(4000), CONSTRAINT "fk_feedback_step_feedback" FOREIGN KEY ("feedback_id") REFERENCES "feedback" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_feedback_step"("id", "feedback_id", "from_status", "to_status", "actor_subject", "actor_role", "at", "department", "note") SELECT "id", "feedback_id", "from_status", "to_status", "actor_subject", "actor_role", "at", "department", "note" FROM "feedback_step"',
    );
    await queryRunner.query('DROP TABLE "feedback_step"');
    await queryRunner.query('ALTER TABLE "temporary_feedback_step" RENAME TO "feedback_step"');
    await queryRunner.query('CREATE INDEX "idx_feedback_step_feedback" ON "feedback_step" ("feedback_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_feedback_step_feedback"');
    await queryRunner.query('ALTER TABLE "feedback_step" RENAME TO "temporary_feedback_step"');
    await queryRunner.query(
      'CREATE TABLE "feedback_step" ("id" varchar(36) PRIMARY KEY NOT NULL, "feedback_id" varchar(36) NOT NULL, "from_status" varchar(12), "to_status" varchar(12) NOT NULL, "actor_subject" varchar(200) NOT NULL, "actor_role" varchar(20), "at" datetime NOT NULL, "department" varchar(100), "note" varchar(4000))',
    );
    await queryRunner.query(
      'INSERT INTO "feedback_step"("id", "feedback_id", "from_status", "to_status", "actor_subject", "actor_role", "at", "department", "note") SELECT "id", "feedback_id", "from_status", "to_status", "actor_subject", "actor_role", "at", "department", "note" FROM "temporary_feedback_step"',
    );
    await queryRunner.query('DROP TABLE "temporary_feedback_step"');
    await queryRunner.query('CREATE INDEX "idx_feedback_step_feedback" ON "feedback_step" ("feedback_id", "id") ');
    await queryRunner.query('DROP INDEX "idx_feedback_person"');
    await queryRunner.query('DROP INDEX "idx_feedback_district"');
    await queryRunner.query('DROP INDEX "idx_feedback_activity"');
    await queryRunner.query('DROP INDEX "idx_feedback_status_due"');
    await queryRunner.query('ALTER TABLE "feedback" RENAME TO "temporary_feedback"');
    await queryRunner.query(
      'CREATE TABLE "feedback" ("id" varchar(36) PRIMARY KEY NOT NULL, "kind" varchar(24) NOT NULL, "title" varchar(100) NOT NULL, "content" varchar(4000) NOT NULL, "person_id" varchar(36) NOT NULL, "district_code" varchar(6) NOT NULL, "activity_id" varchar(36), "status" varchar(12) NOT NULL, "department" varchar(100), "answer" varchar(4000), "reject_reason" varchar(500), "submitted_at" datetime NOT NULL, "due_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "feedback"("id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at") SELECT "id", "kind", "title", "content", "person_id", "district_code", "activity_id", "status", "department", "answer", "reject_reason", "submitted_at", "due_on", "version", "created_at", "updated_at" FROM "temporary_feedback"',
    );
    await queryRunner.query('DROP TABLE "temporary_feedback"');
    await queryRunner.query('CREATE INDEX "idx_feedback_person" ON "feedback" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_district" ON "feedback" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_activity" ON "feedback" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_feedback_status_due" ON "feedback" ("status", "due_on") ');
    await queryRunner.query('DROP INDEX "uq_participation_activity_person"');
    await queryRunner.query('DROP INDEX "idx_participation_activity"');
    await queryRunner.query('DROP INDEX "idx_participation_person"');
    await queryRunner.query('ALTER TABLE "participation" RENAME TO "temporary_participation"');
    await queryRunner.query(
      'CREATE TABLE "participation" ("id" varchar(36) PRIMARY KEY NOT NULL, "activity_id" varchar(36) NOT NULL, "person_id" varchar(36) NOT NULL, "role" varchar(12) NOT NULL DEFAULT (\'PARTICIPANT\'), "attendance" varchar(12) NOT NULL DEFAULT (\'REGISTERED\'), "hours" decimal(3,1), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_participation_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "participation"("id", "activity_id", "person_id", "role", "attendance", "hours", "created_at") SELECT "id", "activity_id", "person_id", "role", "attendance", "hours", "created_at" FROM "temporary_participation"',
    );
    await queryRunner.query('DROP TABLE "temporary_participation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_participation_activity_person" ON "participation" ("activity_id", "person_id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_activity" ON "participation" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "id") ');
    await queryRunner.query('DROP INDEX "idx_feedback_step_feedback"');
    await queryRunner.query('DROP TABLE "feedback_step"');
    await queryRunner.query('DROP INDEX "idx_feedback_person"');
    await queryRunner.query('DROP INDEX "idx_feedback_district"');
    await queryRunner.query('DROP INDEX "idx_feedback_activity"');
    await queryRunner.query('DROP INDEX "idx_feedback_status_due"');
    await queryRunner.query('DROP TABLE "feedback"');
  }
}
