import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795603951972 implements MigrationInterface {
  name = 'Init1795603951972';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "evaluation" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "year" integer NOT NULL, "evaluator" varchar(50) NOT NULL, "composite" decimal(5,2) NOT NULL, "comment" varchar(1000), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_evaluation_year_composite" ON "evaluation" ("year", "composite", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_evaluator" ON "evaluation" ("evaluator", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year" ON "evaluation" ("year", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_person" ON "evaluation" ("person_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation_person_year_evaluator" ON "evaluation" ("person_id", "year", "evaluator") ');
    await queryRunner.query(
      'CREATE TABLE "evaluation_score" ("evaluation_id" varchar(36) NOT NULL, "dimension" varchar(24) NOT NULL, "score" decimal(4,1) NOT NULL, "weight" decimal(5,4) NOT NULL, PRIMARY KEY ("evaluation_id", "dimension"))',
    );
    await queryRunner.query(
      'CREATE TABLE "temporary_evaluation_score" ("evaluation_id" varchar(36) NOT NULL, "dimension" varchar(24) NOT NULL, "score" decimal(4,1) NOT NULL, "weight" decimal(5,4) NOT NULL, CONSTRAINT "fk_evaluation_score_evaluation" FOREIGN KEY ("evaluation_id") REFERENCES "evaluation" ("id") ON DELETE NO ACTION ON UPDATE NO ACTION, PRIMARY KEY ("evaluation_id", "dimension"))',
    );
    await queryRunner.query('INSERT INTO "temporary_evaluation_score"("evaluation_id", "dimension", "score", "weight") SELECT "evaluation_id", "dimension", "score", "weight" FROM "evaluation_score"');
    await queryRunner.query('DROP TABLE "evaluation_score"');
    await queryRunner.query('ALTER TABLE "temporary_evaluation_score" RENAME TO "evaluation_score"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_score" RENAME TO "temporary_evaluation_score"');
    await queryRunner.query(
      'CREATE TABLE "evaluation_score" ("evaluation_id" varchar(36) NOT NULL, "dimension" varchar(24) NOT NULL, "score" decimal(4,1) NOT NULL, "weight" decimal(5,4) NOT NULL, PRIMARY KEY ("evaluation_id", "dimension"))',
    );
    await queryRunner.query('INSERT INTO "evaluation_score"("evaluation_id", "dimension", "score", "weight") SELECT "evaluation_id", "dimension", "score", "weight" FROM "temporary_evaluation_score"');
    await queryRunner.query('DROP TABLE "temporary_evaluation_score"');
    await queryRunner.query('DROP TABLE "evaluation_score"');
    await queryRunner.query('DROP INDEX "uq_evaluation_person_year_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_person"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year"');
    await queryRunner.query('DROP INDEX "idx_evaluation_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year_composite"');
    await queryRunner.query('DROP TABLE "evaluation"');
  }
}
