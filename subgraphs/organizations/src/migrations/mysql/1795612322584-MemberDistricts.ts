import { MigrationInterface, QueryRunner } from 'typeorm';

export class MemberDistricts1795612322584 implements MigrationInterface {
  name = 'MemberDistricts1795612322584';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `member_district` (`person_id` varchar(36) NOT NULL, `district_code` varchar(6) NOT NULL, `person_version` int NOT NULL, INDEX `idx_member_district_district` (`district_code`, `person_id`), PRIMARY KEY (`person_id`)) ENGINE=InnoDB',
    );
    await queryRunner.query('CREATE INDEX `idx_membership_district` ON `membership` (`district_code`, `id`)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_membership_district` ON `membership`');
    await queryRunner.query('DROP INDEX `idx_member_district_district` ON `member_district`');
    await queryRunner.query('DROP TABLE `member_district`');
  }
}
