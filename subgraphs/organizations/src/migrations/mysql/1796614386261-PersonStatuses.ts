import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The replica keeps persons' statuses, and memberships their person's (only registered persons count).
 * Data (by hand): a person published as registered nowhere was archived; the others' statuses arrive
 * with the persons subgraph's republication (PersonStatuses there), counted as registered meanwhile.
 */
export class PersonStatuses1796614386261 implements MigrationInterface {
  name = 'PersonStatuses1796614386261';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `member_district` ADD `status` varchar(12) NULL');
    await queryRunner.query('ALTER TABLE `membership` ADD `person_status` varchar(12) NULL');
    await queryRunner.query("UPDATE `member_district` SET `status` = 'ARCHIVED' WHERE `district_code` IS NULL");
    await queryRunner.query('UPDATE `membership` SET `person_status` = (SELECT `md`.`status` FROM `member_district` `md` WHERE `md`.`person_id` = `membership`.`person_id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `person_status`');
    await queryRunner.query('ALTER TABLE `member_district` DROP COLUMN `status`');
  }
}
