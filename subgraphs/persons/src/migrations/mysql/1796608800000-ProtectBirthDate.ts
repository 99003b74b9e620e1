import { MigrationInterface, QueryRunner } from 'typeorm';
import { exposeBirthDates, protectBirthDates } from '../personal-data';

/**
 * The birth date stored encrypted beside its year, and the stored masks remade (docs/SECURITY.md,
 * "What is stored in plain"). Written by hand: new columns, the data step, then the plain birth
 * date dropped.
 */
export class ProtectBirthDate1796608800000 implements MigrationInterface {
  name = 'ProtectBirthDate1796608800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `person` ADD `birth_date_enc` varchar(100) NULL, ADD `birth_year` int NULL');
    await protectBirthDates(queryRunner);
    await queryRunner.query('ALTER TABLE `person` DROP COLUMN `birth_date`, MODIFY `birth_date_enc` varchar(100) NOT NULL, MODIFY `birth_year` int NOT NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `person` ADD `birth_date` date NULL');
    await exposeBirthDates(queryRunner);
    await queryRunner.query('ALTER TABLE `person` MODIFY `birth_date` date NOT NULL, DROP COLUMN `birth_date_enc`, DROP COLUMN `birth_year`');
  }
}
