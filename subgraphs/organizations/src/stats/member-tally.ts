import type { TallyDialect, TallySpec } from '@tongxin/common';
import { countedMember } from '../membership/membership.entity';

/**
 * The counts of memberships kept by triggers in the writing transaction (issue 16 §4;
 * packages/common/src/db/tally.ts): per organization, role, start year, end year, and whether
 * the row began with joining and ended with leaving, the number of memberships of registered
 * persons (`countedMember`). Exactly the groups `memberStatRows` grouped the membership table by,
 * so that memberStats and memberCount read a few rows per organization instead of its memberships.
 *
 * The migration MembershipTally (1796670200000) creates the table and triggers from this module.
 * A later change of this spec needs a new migration that drops the tally (`dropTallies`) and
 * creates it again from the changed spec; so does, on SQLite, a migration that rebuilds the
 * membership table (dropping a table drops its triggers).
 */
export const MEMBERSHIP_TALLY = 'membership_tally';

/** What an end year of a running membership is stored as (dimensions are NOT NULL): no year is 0. */
export const RUNNING_END_YEAR = 0;

/** The year of a date column as an integer, from the same `SUBSTR(date, 1, 4)` the GROUP BY used on both databases. */
export function yearOf(column: string, dialect: TallyDialect): string {
  return `CAST(SUBSTR(${column}, 1, 4) AS ${dialect === 'mysql' ? 'SIGNED' : 'INTEGER'})`;
}

export const MEMBERSHIP_TALLY_SPECS: readonly TallySpec[] = [
  {
    table: MEMBERSHIP_TALLY,
    source: 'membership',
    watch: ['organization_id', 'role', 'start_date', 'end_date', 'previous_id', 'next_id', 'person_status'],
    dimensions: [
      { column: 'organization_id', type: 'varchar(36)', value: (r) => `${r.src}.organization_id` },
      { column: 'role', type: 'varchar(20)', value: (r) => `${r.src}.role` },
      { column: 'start_year', type: 'int', value: (r, d) => yearOf(`${r.src}.start_date`, d) },
      { column: 'end_year', type: 'int', value: (r, d) => yearOf(`${r.src}.end_date`, d), empty: RUNNING_END_YEAR },
      { column: 'joined', type: 'int', value: (r) => `CASE WHEN ${r.src}.previous_id IS NULL THEN 1 ELSE 0 END` },
      { column: 'leaving', type: 'int', value: (r) => `CASE WHEN ${r.src}.next_id IS NULL THEN 1 ELSE 0 END` },
    ],
    measures: [{ column: 'n', type: 'int', value: () => '1' }],
    // Counts of persons count registered persons (DOMAIN.md, "Counting people").
    counts: (r) => countedMember(r.src),
  },
];
