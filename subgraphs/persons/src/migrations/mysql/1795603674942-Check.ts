import { MigrationInterface, QueryRunner } from 'typeorm';

export class Check1795603674942 implements MigrationInterface {
  name = 'Check1795603674942';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_person_profession` ON `person`");
    await queryRunner.query("DROP INDEX `idx_person_street` ON `person`");
    await queryRunner.query("ALTER TABLE `person` CHANGE `education` `education` varchar(24) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `profession` `profession` varchar(32) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `employer` `employer` varchar(100) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `position` `position` varchar(50) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `returnee_country` `returnee_country` varchar(50) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `street_code` `street_code` varchar(9) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `community` `community` varchar(50) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `mobile` `mobile` varchar(11) NULL");
    await queryRunner.query("ALTER TABLE `person` CHANGE `created_at` `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)");
    await queryRunner.query("ALTER TABLE `person` CHANGE `updated_at` `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)");
    await queryRunner.query("CREATE INDEX `idx_person_profession` ON `person` (`profession`, `id`)");
    await queryRunner.query("CREATE INDEX `idx_person_street` ON `person` (`street_code`, `id`)");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX `idx_person_street` ON `person`");
    await queryRunner.query("DROP INDEX `idx_person_profession` ON `person`");
    await queryRunner.query("ALTER TABLE `person` CHANGE `updated_at` `updated_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)");
    await queryRunner.query("ALTER TABLE `person` CHANGE `created_at` `created_at` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)");
    await queryRunner.query("ALTER TABLE `person` CHANGE `mobile` `mobile` varchar(11) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `community` `community` varchar(50) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `street_code` `street_code` varchar(9) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `returnee_country` `returnee_country` varchar(50) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `position` `position` varchar(50) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `employer` `employer` varchar(100) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `profession` `profession` varchar(32) NULL DEFAULT 'NULL'");
    await queryRunner.query("ALTER TABLE `person` CHANGE `education` `education` varchar(24) NULL DEFAULT 'NULL'");
    await queryRunner.query("CREATE INDEX `idx_person_street` ON `person` (`street_code`, `id`)");
    await queryRunner.query("CREATE INDEX `idx_person_profession` ON `person` (`profession`, `id`)");
  }
}
