import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795604015773 implements MigrationInterface {
  name = 'Init1795604015773';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "activity" ("id" varchar(36) PRIMARY KEY NOT NULL, "title" varchar(100) NOT NULL, "kind" varchar(24) NOT NULL, "description" varchar(2000), "organizer_id" varchar(36), "district_code" varchar(6) NOT NULL, "location" varchar(100), "starts_at" datetime NOT NULL, "ends_at" datetime, "capacity" integer, "status" varchar(12) NOT NULL DEFAULT (\'PLANNED\'), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_activity_starts_at" ON "activity" ("starts_at", "id") ');
    await queryRunner.query('CREATE INDEX "idx_activity_status" ON "activity" ("status", "id") ');
    await queryRunner.query('CREATE INDEX "idx_activity_kind" ON "activity" ("kind", "id") ');
    await queryRunner.query('CREATE INDEX "idx_activity_organizer" ON "activity" ("organizer_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_activity_district" ON "activity" ("district_code", "id") ');
    await queryRunner.query(
      'CREATE TABLE "participation" ("id" varchar(36) PRIMARY KEY NOT NULL, "activity_id" varchar(36) NOT NULL, "person_id" varchar(36) NOT NULL, "role" varchar(12) NOT NULL DEFAULT (\'PARTICIPANT\'), "attendance" varchar(12) NOT NULL DEFAULT (\'REGISTERED\'), "hours" decimal(3,1), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_participation_activity_person" ON "participation" ("activity_id", "person_id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_activity" ON "participation" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "id") ');
    await queryRunner.query('DROP INDEX "uq_participation_activity_person"');
    await queryRunner.query('DROP INDEX "idx_participation_activity"');
    await queryRunner.query('DROP INDEX "idx_participation_person"');
    await queryRunner.query(
      'CREATE TABLE "temporary_participation" ("id" varchar(36) PRIMARY KEY NOT NULL, "activity_id" varchar(36) NOT NULL, "person_id" varchar(36) NOT NULL, "role" varchar(12) NOT NULL DEFAULT (\'PARTICIPANT\'), "attendance" varchar(12) NOT NULL DEFAULT (\'REGISTERED\'), "hours" decimal(3,1), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), CONSTRAINT "fk_participation_activity" FOREIGN KEY ("activity_id") REFERENCES "activity" ("id") ON DELETE RESTRICT ON UPDATE RESTRICT)',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_participation"("id", "activity_id", "person_id", "role", "attendance", "hours", "created_at") SELECT "id", "activity_id", "person_id", "role", "attendance", "hours", "created_at" FROM "participation"',
    );
    await queryRunner.query('DROP TABLE "participation"');
    await queryRunner.query('ALTER TABLE "temporary_participation" RENAME TO "participation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_participation_activity_person" ON "participation" ("activity_id", "person_id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_activity" ON "participation" ("activity_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_participation_person"');
    await queryRunner.query('DROP INDEX "idx_participation_activity"');
    await queryRunner.query('DROP INDEX "uq_participation_activity_person"');
    await queryRunner.query('ALTER TABLE "participation" RENAME TO "temporary_participation"');
    await queryRunner.query(
      'CREATE TABLE "participation" ("id" varchar(36) PRIMARY KEY NOT NULL, "activity_id" varchar(36) NOT NULL, "person_id" varchar(36) NOT NULL, "role" varchar(12) NOT NULL DEFAULT (\'PARTICIPANT\'), "attendance" varchar(12) NOT NULL DEFAULT (\'REGISTERED\'), "hours" decimal(3,1), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "participation"("id", "activity_id", "person_id", "role", "attendance", "hours", "created_at") SELECT "id", "activity_id", "person_id", "role", "attendance", "hours", "created_at" FROM "temporary_participation"',
    );
    await queryRunner.query('DROP TABLE "temporary_participation"');
    await queryRunner.query('CREATE INDEX "idx_participation_person" ON "participation" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_participation_activity" ON "participation" ("activity_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_participation_activity_person" ON "participation" ("activity_id", "person_id") ');
    await queryRunner.query('DROP INDEX "idx_participation_person"');
    await queryRunner.query('DROP INDEX "idx_participation_activity"');
    await queryRunner.query('DROP INDEX "uq_participation_activity_person"');
    await queryRunner.query('DROP TABLE "participation"');
    await queryRunner.query('DROP INDEX "idx_activity_district"');
    await queryRunner.query('DROP INDEX "idx_activity_organizer"');
    await queryRunner.query('DROP INDEX "idx_activity_kind"');
    await queryRunner.query('DROP INDEX "idx_activity_status"');
    await queryRunner.query('DROP INDEX "idx_activity_starts_at"');
    await queryRunner.query('DROP TABLE "activity"');
  }
}
