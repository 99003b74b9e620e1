import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonDistrictStatusIndex1795616308356 implements MigrationInterface {
  name = 'PersonDistrictStatusIndex1795616308356';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX `idx_person_district_status` ON `person` (`district_code`, `status`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_person_district_status` ON `person`');
  }
}
