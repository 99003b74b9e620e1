import { MigrationInterface, QueryRunner } from 'typeorm';

export class Init1795603696218 implements MigrationInterface {
  name = 'Init1795603696218';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE `person` (`id` varchar(36) NOT NULL, `name` varchar(50) NOT NULL, `gender` varchar(8) NOT NULL, `birth_date` date NOT NULL, `ethnicity` varchar(20) NOT NULL, `political_affiliation` varchar(20) NOT NULL, `education` varchar(24) NULL, `category` varchar(24) NOT NULL, `profession` varchar(32) NULL, `employer` varchar(100) NULL, `position` varchar(50) NULL, `returnee` tinyint NOT NULL DEFAULT 0, `returnee_country` varchar(50) NULL, `district_code` varchar(6) NOT NULL, `street_code` varchar(9) NULL, `community` varchar(50) NULL, `id_number` varchar(18) NOT NULL, `mobile` varchar(11) NULL, `status` varchar(12) NOT NULL DEFAULT 'ACTIVE', `registered_on` date NOT NULL, `version` int NOT NULL, `created_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6), `updated_at` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6), UNIQUE INDEX `uq_person_id_number` (`id_number`), INDEX `idx_person_affiliation` (`political_affiliation`, `id`), INDEX `idx_person_profession` (`profession`, `id`), INDEX `idx_person_category` (`category`, `id`), INDEX `idx_person_street` (`street_code`, `id`), INDEX `idx_person_district` (`district_code`, `id`), PRIMARY KEY (`id`)) ENGINE=InnoDB",
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX `idx_person_district` ON `person`');
    await queryRunner.query('DROP INDEX `idx_person_street` ON `person`');
    await queryRunner.query('DROP INDEX `idx_person_category` ON `person`');
    await queryRunner.query('DROP INDEX `idx_person_profession` ON `person`');
    await queryRunner.query('DROP INDEX `idx_person_affiliation` ON `person`');
    await queryRunner.query('DROP INDEX `uq_person_id_number` ON `person`');
    await queryRunner.query('DROP TABLE `person`');
  }
}
