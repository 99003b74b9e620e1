import { MigrationInterface, QueryRunner } from 'typeorm';

export class MembershipReplica1796660000000 implements MigrationInterface {
  name = 'MembershipReplica1796660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `organization_member` (`membership_id` varchar(36) NOT NULL, `organization_id` varchar(36) NOT NULL, `person_id` varchar(36) NOT NULL, `active` tinyint NOT NULL, `membership_version` int NOT NULL, INDEX `idx_organization_member_running` (`organization_id`, `person_id`, `active`), PRIMARY KEY (`membership_id`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_organization_member_running` ON `organization_member`');
    await queryRunner.query('DROP TABLE `organization_member`');
  }
}
