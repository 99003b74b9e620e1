import { MigrationInterface, QueryRunner } from 'typeorm';

export class TalentPoolSchemesArrangements1795611149118 implements MigrationInterface {
  name = 'TalentPoolSchemesArrangements1795611149118';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "political_arrangement" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "kind" varchar(24) NOT NULL, "level" varchar(12) NOT NULL, "body" varchar(100) NOT NULL, "position" varchar(100), "district_code" varchar(6) NOT NULL, "term_start" date NOT NULL, "term_end" date NOT NULL, "status" varchar(12) NOT NULL, "recommended_at" datetime, "appointed_at" datetime, "closed_at" datetime, "changed_by" varchar(200) NOT NULL, "note" varchar(500), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_arrangement_status" ON "political_arrangement" ("status", "term_start", "id") ');
    await queryRunner.query('CREATE INDEX "idx_arrangement_district" ON "political_arrangement" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_arrangement_person" ON "political_arrangement" ("person_id", "id") ');
    await queryRunner.query(
      'CREATE TABLE "evaluation_scheme" ("year" integer PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query(
      'CREATE TABLE "evaluation_scheme_weight" ("year" integer NOT NULL, "dimension" varchar(24) NOT NULL, "weight" decimal(5,4) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("year", "dimension"))',
    );
    await queryRunner.query(
      'CREATE TABLE "talent_pool_entry" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "level" varchar(8) NOT NULL, "district_code" varchar(6) NOT NULL, "year" integer NOT NULL, "status" varchar(12) NOT NULL, "reason" varchar(500) NOT NULL, "added_by" varchar(200) NOT NULL, "renewed_from_id" varchar(36), "removed_by" varchar(200), "removed_at" datetime, "removal_reason" varchar(500), "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE INDEX "idx_talent_pool_district" ON "talent_pool_entry" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_talent_pool_pool" ON "talent_pool_entry" ("year", "level", "district_code", "status", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_talent_pool_person" ON "talent_pool_entry" ("person_id", "level", "district_code", "year") ');
    await queryRunner.query(
      'CREATE TABLE "talent_pool_quota" ("year" integer NOT NULL, "level" varchar(8) NOT NULL, "district_code" varchar(6) NOT NULL, "minimum" integer NOT NULL, "maximum" integer, "version" integer NOT NULL, PRIMARY KEY ("year", "level", "district_code"))',
    );
    await queryRunner.query('DROP INDEX "idx_evaluation_district"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year_composite"');
    await queryRunner.query('DROP INDEX "idx_evaluation_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year"');
    await queryRunner.query('DROP INDEX "idx_evaluation_person"');
    await queryRunner.query('DROP INDEX "uq_evaluation_person_year_evaluator"');
    await queryRunner.query(
      'CREATE TABLE "temporary_evaluation" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "year" integer NOT NULL, "evaluator" varchar(50) NOT NULL, "composite" decimal(5,2) NOT NULL, "comment" varchar(1000), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "district_code" varchar(6), "scheme_name" varchar(100))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evaluation"("id", "person_id", "year", "evaluator", "composite", "comment", "created_at", "district_code") SELECT "id", "person_id", "year", "evaluator", "composite", "comment", "created_at", "district_code" FROM "evaluation"',
    );
    await queryRunner.query('DROP TABLE "evaluation"');
    await queryRunner.query('ALTER TABLE "temporary_evaluation" RENAME TO "evaluation"');
    await queryRunner.query('CREATE INDEX "idx_evaluation_district" ON "evaluation" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year_composite" ON "evaluation" ("year", "composite", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_evaluator" ON "evaluation" ("evaluator", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year" ON "evaluation" ("year", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_person" ON "evaluation" ("person_id", "id") ');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation_person_year_evaluator" ON "evaluation" ("person_id", "year", "evaluator") ');
    await queryRunner.query(
      'CREATE TABLE "temporary_evaluation_scheme_weight" ("year" integer NOT NULL, "dimension" varchar(24) NOT NULL, "weight" decimal(5,4) NOT NULL, "position" integer NOT NULL, CONSTRAINT "fk_evaluation_scheme_weight_scheme" FOREIGN KEY ("year") REFERENCES "evaluation_scheme" ("year") ON DELETE CASCADE ON UPDATE NO ACTION, PRIMARY KEY ("year", "dimension"))',
    );
    await queryRunner.query(
      'INSERT INTO "temporary_evaluation_scheme_weight"("year", "dimension", "weight", "position") SELECT "year", "dimension", "weight", "position" FROM "evaluation_scheme_weight"',
    );
    await queryRunner.query('DROP TABLE "evaluation_scheme_weight"');
    await queryRunner.query('ALTER TABLE "temporary_evaluation_scheme_weight" RENAME TO "evaluation_scheme_weight"');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "evaluation_scheme_weight" RENAME TO "temporary_evaluation_scheme_weight"');
    await queryRunner.query(
      'CREATE TABLE "evaluation_scheme_weight" ("year" integer NOT NULL, "dimension" varchar(24) NOT NULL, "weight" decimal(5,4) NOT NULL, "position" integer NOT NULL, PRIMARY KEY ("year", "dimension"))',
    );
    await queryRunner.query(
      'INSERT INTO "evaluation_scheme_weight"("year", "dimension", "weight", "position") SELECT "year", "dimension", "weight", "position" FROM "temporary_evaluation_scheme_weight"',
    );
    await queryRunner.query('DROP TABLE "temporary_evaluation_scheme_weight"');
    await queryRunner.query('DROP INDEX "uq_evaluation_person_year_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_person"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year"');
    await queryRunner.query('DROP INDEX "idx_evaluation_evaluator"');
    await queryRunner.query('DROP INDEX "idx_evaluation_year_composite"');
    await queryRunner.query('DROP INDEX "idx_evaluation_district"');
    await queryRunner.query('ALTER TABLE "evaluation" RENAME TO "temporary_evaluation"');
    await queryRunner.query(
      'CREATE TABLE "evaluation" ("id" varchar(36) PRIMARY KEY NOT NULL, "person_id" varchar(36) NOT NULL, "year" integer NOT NULL, "evaluator" varchar(50) NOT NULL, "composite" decimal(5,2) NOT NULL, "comment" varchar(1000), "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "district_code" varchar(6))',
    );
    await queryRunner.query(
      'INSERT INTO "evaluation"("id", "person_id", "year", "evaluator", "composite", "comment", "created_at", "district_code") SELECT "id", "person_id", "year", "evaluator", "composite", "comment", "created_at", "district_code" FROM "temporary_evaluation"',
    );
    await queryRunner.query('DROP TABLE "temporary_evaluation"');
    await queryRunner.query('CREATE UNIQUE INDEX "uq_evaluation_person_year_evaluator" ON "evaluation" ("person_id", "year", "evaluator") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_person" ON "evaluation" ("person_id", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year" ON "evaluation" ("year", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_evaluator" ON "evaluation" ("evaluator", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_year_composite" ON "evaluation" ("year", "composite", "id") ');
    await queryRunner.query('CREATE INDEX "idx_evaluation_district" ON "evaluation" ("district_code", "id") ');
    await queryRunner.query('DROP TABLE "talent_pool_quota"');
    await queryRunner.query('DROP INDEX "uq_talent_pool_person"');
    await queryRunner.query('DROP INDEX "idx_talent_pool_pool"');
    await queryRunner.query('DROP INDEX "idx_talent_pool_district"');
    await queryRunner.query('DROP TABLE "talent_pool_entry"');
    await queryRunner.query('DROP TABLE "evaluation_scheme_weight"');
    await queryRunner.query('DROP TABLE "evaluation_scheme"');
    await queryRunner.query('DROP INDEX "idx_arrangement_person"');
    await queryRunner.query('DROP INDEX "idx_arrangement_district"');
    await queryRunner.query('DROP INDEX "idx_arrangement_status"');
    await queryRunner.query('DROP TABLE "political_arrangement"');
  }
}
