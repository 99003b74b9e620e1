import { MigrationInterface, QueryRunner } from 'typeorm';

export class ArchivedPersonsNowhere1795613278248 implements MigrationInterface {
  name = 'ArchivedPersonsNowhere1795613278248';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_member_district_district` ON `member_district`');
    await queryRunner.query('ALTER TABLE `member_district` CHANGE `district_code` `district_code` varchar(6) NULL');
    await queryRunner.query('CREATE INDEX `idx_member_district_district` ON `member_district` (`district_code`, `person_id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_member_district_district` ON `member_district`');
    await queryRunner.query('ALTER TABLE `member_district` CHANGE `district_code` `district_code` varchar(6) NOT NULL');
    await queryRunner.query('CREATE INDEX `idx_member_district_district` ON `member_district` (`district_code`, `person_id`)');
  }
}
