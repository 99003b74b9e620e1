import { MigrationInterface, QueryRunner } from 'typeorm';

/** organizationStats groups by district, kind and level: an index in that order serves every prefix without a temporary table (issue 16 §4). */
export class OrganizationStatsIndex1796670210000 implements MigrationInterface {
  name = 'OrganizationStatsIndex1796670210000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "idx_organization_stats" ON "organization" ("district_code", "kind", "level") ');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "idx_organization_stats"');
  }
}
