import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonStatsIndex1795618983103 implements MigrationInterface {
  name = 'PersonStatsIndex1795618983103';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "idx_person_status_district_category" ON "person" ("status", "district_code", "category") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_person_status_district_category"');
  }
}
