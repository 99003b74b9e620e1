import { createTallies, dropTallies } from '@tongxin/common';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { MEMBERSHIP_TALLY_SPECS } from '../../stats/member-tally';

/**
 * The counts of memberships kept by triggers (issue 16 §4; src/stats/member-tally.ts): the
 * table, its triggers on membership, and its backfill from the memberships stored now. Written
 * by hand from the spec module: a later change of the spec needs a new migration that drops and
 * creates the tally again.
 */
export class MembershipTally1796670200000 implements MigrationInterface {
  name = 'MembershipTally1796670200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTallies(queryRunner, MEMBERSHIP_TALLY_SPECS, 'mysql');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTallies(queryRunner, MEMBERSHIP_TALLY_SPECS, 'mysql');
  }
}
