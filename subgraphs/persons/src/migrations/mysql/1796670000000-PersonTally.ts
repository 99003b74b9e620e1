import { createTallies, dropTallies } from '@tongxin/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { PERSON_TALLY_SPECS } from '../../stats/person-tally';

/** The register's maintained counts (person_tally, its triggers on person), filled from the register as it is. */
export class PersonTally1796670000000 implements MigrationInterface {
  name = 'PersonTally1796670000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTallies(queryRunner, PERSON_TALLY_SPECS, 'mysql');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTallies(queryRunner, PERSON_TALLY_SPECS, 'mysql');
  }
}
