import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonDistrictIndexWithStatus1795621949459 implements MigrationInterface {
  name = 'PersonDistrictIndexWithStatus1795621949459';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_person_district_status"');
    await queryRunner.query('DROP INDEX "idx_person_district"');
    await queryRunner.query('CREATE INDEX "idx_person_district" ON "person" ("district_code", "id", "status") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_person_district"');
    await queryRunner.query('CREATE INDEX "idx_person_district" ON "person" ("district_code", "id") ');
    await queryRunner.query('CREATE INDEX "idx_person_district_status" ON "person" ("district_code", "status") ');
  }
}
