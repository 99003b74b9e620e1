import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795603696218 implements MigrationInterface {
  name = 'Init1795603696218';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "person" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(50) NOT NULL, "gender" varchar(8) NOT NULL, "birth_date" date NOT NULL, "ethnicity" varchar(20) NOT NULL, "political_affiliation" varchar(20) NOT NULL, "education" varchar(24), "category" varchar(24) NOT NULL, "profession" varchar(32), "employer" varchar(100), "position" varchar(50), "returnee" boolean NOT NULL DEFAULT (0), "returnee_country" varchar(50), "district_code" varchar(6) NOT NULL, "street_code" varchar(9), "community" varchar(50), "id_number" varchar(18) NOT NULL, "mobile" varchar(11), "status" varchar(12) NOT NULL DEFAULT (\'ACTIVE\'), "registered_on" date NOT NULL, "version" integer NOT NULL, "created_at" datetime NOT NULL DEFAULT (datetime(\'now\')), "updated_at" datetime NOT NULL DEFAULT (datetime(\'now\')))',
    );
    await queryRunner.query('CREATE UNIQUE INDEX "uq_person_id_number" ON "person" ("id_number") ');
    await queryRunner.query('CREATE INDEX "idx_person_affiliation" ON "person" ("political_affiliation", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_profession" ON "person" ("profession", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_category" ON "person" ("category", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_street" ON "person" ("street_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_district" ON "person" ("district_code", "id") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_person_district"');
    await queryRunner.query('DROP INDEX "idx_person_street"');
    await queryRunner.query('DROP INDEX "idx_person_category"');
    await queryRunner.query('DROP INDEX "idx_person_profession"');
    await queryRunner.query('DROP INDEX "idx_person_affiliation"');
    await queryRunner.query('DROP INDEX "uq_person_id_number"');
    await queryRunner.query('DROP TABLE "person"');
  }
}
