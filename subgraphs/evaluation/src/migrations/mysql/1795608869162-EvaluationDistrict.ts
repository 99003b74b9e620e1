import { MigrationInterface, QueryRunner } from 'typeorm';

export class EvaluationDistrict1795608869162 implements MigrationInterface {
  name = 'EvaluationDistrict1795608869162';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `evaluation` ADD `district_code` varchar(6) NULL');
    await queryRunner.query('CREATE INDEX `idx_evaluation_district` ON `evaluation` (`district_code`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_evaluation_district` ON `evaluation`');
    await queryRunner.query('ALTER TABLE `evaluation` DROP COLUMN `district_code`');
  }
}
