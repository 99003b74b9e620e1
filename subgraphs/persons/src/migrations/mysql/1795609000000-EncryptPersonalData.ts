import { MigrationInterface, QueryRunner } from 'typeorm';
import { decryptExistingRows, encryptExistingRows } from '../personal-data';

/**
 * ID and mobile numbers stored encrypted, with a keyed hash and a masked form (written by hand:
 * the generated schema change plus the data step between adding the new columns and dropping the
 * plain ones).
 */
export class EncryptPersonalData1795609000000 implements MigrationInterface {
  name = 'EncryptPersonalData1795609000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE `person` ADD `id_number_enc` varchar(100) NULL, ADD `id_number_hash` varchar(64) NULL, ADD `id_number_masked` varchar(18) NULL, ADD `mobile_enc` varchar(100) NULL, ADD `mobile_hash` varchar(64) NULL, ADD `mobile_masked` varchar(11) NULL',
    );
    await encryptExistingRows(queryRunner);
    await queryRunner.query('DROP INDEX `uq_person_id_number` ON `person`');
    await queryRunner.query('ALTER TABLE `person` DROP COLUMN `id_number`, DROP COLUMN `mobile`');
    await queryRunner.query('ALTER TABLE `person` MODIFY `id_number_enc` varchar(100) NOT NULL, MODIFY `id_number_hash` varchar(64) NOT NULL, MODIFY `id_number_masked` varchar(18) NOT NULL');
    await queryRunner.query('CREATE UNIQUE INDEX `uq_person_id_number_hash` ON `person` (`id_number_hash`)');
    await queryRunner.query('CREATE INDEX `idx_person_mobile_hash` ON `person` (`mobile_hash`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `person` ADD `id_number` varchar(18) NULL, ADD `mobile` varchar(11) NULL');
    await decryptExistingRows(queryRunner);
    await queryRunner.query('ALTER TABLE `person` MODIFY `id_number` varchar(18) NOT NULL');
    await queryRunner.query('DROP INDEX `idx_person_mobile_hash` ON `person`');
    await queryRunner.query('DROP INDEX `uq_person_id_number_hash` ON `person`');
    await queryRunner.query(
      'ALTER TABLE `person` DROP COLUMN `id_number_enc`, DROP COLUMN `id_number_hash`, DROP COLUMN `id_number_masked`, DROP COLUMN `mobile_enc`, DROP COLUMN `mobile_hash`, DROP COLUMN `mobile_masked`',
    );
    await queryRunner.query('CREATE UNIQUE INDEX `uq_person_id_number` ON `person` (`id_number`)');
  }
}
