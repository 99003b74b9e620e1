import { MigrationInterface, QueryRunner } from 'typeorm';

/** The city's expectations of the districts per year (区县考核, §16), set by city administrators. */
export class ScorecardExpectation1796670300000 implements MigrationInterface {
  name = 'ScorecardExpectation1796670300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE `scorecard_expectation` (`year` int NOT NULL, `registrations` int NOT NULL, `activities_per_month` decimal(5,2) NOT NULL, `on_time_rate` decimal(5,4) NOT NULL, `pool_compliant` tinyint NOT NULL, `updated_by` varchar(200) NOT NULL, `updated_at` datetime NOT NULL, `version` int NOT NULL, PRIMARY KEY (`year`)) ENGINE=InnoDB',
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE `scorecard_expectation`');
  }
}
