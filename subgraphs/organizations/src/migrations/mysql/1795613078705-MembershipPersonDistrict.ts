import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipPersonDistrict1795613078705 implements MigrationInterface {
  name = 'MembershipPersonDistrict1795613078705';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `membership` ADD `person_district_code` varchar(6) NULL');
    await queryRunner.query('CREATE INDEX `idx_membership_matrix` ON `membership` (`end_date`, `person_district_code`, `district_code`, `person_id`)');
    await queryRunner.query('CREATE INDEX `idx_membership_relation` ON `membership` (`person_district_code`, `district_code`, `end_date`, `id`)');
    // Data (added by hand): the memberships that exist get their person's district from the replica.
    await queryRunner.query('UPDATE `membership` SET `person_district_code` = (SELECT `md`.`district_code` FROM `member_district` `md` WHERE `md`.`person_id` = `membership`.`person_id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_membership_relation` ON `membership`');
    await queryRunner.query('DROP INDEX `idx_membership_matrix` ON `membership`');
    await queryRunner.query('ALTER TABLE `membership` DROP COLUMN `person_district_code`');
  }
}
