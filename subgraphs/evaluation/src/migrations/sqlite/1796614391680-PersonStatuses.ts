import { MigrationInterface, QueryRunner } from 'typeorm';

export class PersonStatuses1796614391680 implements MigrationInterface {
  name = 'PersonStatuses1796614391680';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE "person_status" ("person_id" varchar(36) PRIMARY KEY NOT NULL, "status" varchar(12) NOT NULL, "person_version" integer NOT NULL)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "person_status"');
  }
}
