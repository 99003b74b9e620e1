import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationDistrict1795608869162 implements MigrationInterface {
  name = 'EvaluationDistrict1795608869162';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "uq_evaluation_person_year_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_person"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year"');
    await queryRunner.query('DROP INDEX "idx_evaluation_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year_composite"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evaluation" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "year" integer NOT NULL, "evaluator" varchar(50) NOT NULL, "composite" decimal(5,2) NOT NULL, "comment" varchar(1000), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "district_code" varchar(6))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evaluation"("id", "person_id", "year", "evaluator", "composite", "comment", "created_at") SELECT "id", "person_id", "year", "evaluator", "composite", "comment", "created_at" FROM "evaluation"',
    );
    await queryRunner.query('DROP TABLE "evaluation"');
    await queryRunner.query('ALTER TABLE "temporary_evaluation" RENAME TO "evaluation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation_person_year_evaluator" ON "evaluation" ("person_id", "year", "evaluator") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_person" ON "evaluation" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year" ON "evaluation" ("year", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_evaluator" ON "evaluation" ("evaluator", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year_composite" ON "evaluation" ("year", "composite", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_district" ON "evaluation" ("district_code", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_evaluation_district"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year_composite"');
    await queryRunner.query('DROP INDEX "idx_evaluation_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year"');
    await queryRunner.query('DROP INDEX "idx_evaluation_person"');
    await queryRunner.query('DROP INDEX "uq_evaluation_person_year_evaluator"');
    await queryRunner.query('ALTER TABLE "evaluation" RENAME TO "temporary_evaluation"');
    await queryRunner.query(
      'CREATE TABLE "evaluation" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "year" integer NOT NULL, "evaluator" varchar(50) NOT NULL, "composite" decimal(5,2) NOT NULL, "comment" varchar(1000), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'INSERT INTO "evaluation"("id", "person_id", "year", "evaluator", "composite", "comment", "created_at") SELECT "id", "person_id", "year", "evaluator", "composite", "comment", "created_at" FROM "temporary_evaluation"',
    );
    await queryRunner.query('DROP TABLE "temporary_evaluation"');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year_composite" ON "evaluation" ("year", "composite", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_evaluator" ON "evaluation" ("evaluator", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year" ON "evaluation" ("year", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_person" ON "evaluation" ("person_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation_person_year_evaluator" ON "evaluation" ("person_id", "year", "evaluator") ');
  }
}
