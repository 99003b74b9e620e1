import { createTallies, dropTallies } from '@tongxin/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { ACTIVITY_TALLY_SPECS } from '../../activity/activity-tally';

/**
 * activity_tally, kept by triggers on activity and participation, filled from what is there
 * (issue 16 §4; src/activity/activity-tally.ts). Reads the specs as they are: a later change of
 * them comes with a new migration that drops and recreates the tally.
 */
export class ActivityTally1796670100000 implements MigrationInterface {
  name = 'ActivityTally1796670100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTallies(queryRunner, ACTIVITY_TALLY_SPECS, 'mysql');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTallies(queryRunner, ACTIVITY_TALLY_SPECS, 'mysql');
  }
}
