import { TallyColumn, TallyDialect, TallyRow, TallySpec } from '@tongxin/common';

/**
 * The maintained counts behind `activityStats` (issue 16 §4; packages/common/src/db/tally.ts):
 * `activity_tally` holds, per China-time month of the start, kind, district and status, the
 * activities, their participations, attendances and attended hours, kept exact by triggers on
 * `activity` and `participation` in the writing transaction. Its sums are what the GROUP BY of
 * `ActivityStatsRepository.fromSources` gives (a LEFT JOIN of participations to activities):
 * one spec counts each activity once, the other each participation in its activity's group.
 * Participations point to their activity through a RESTRICT foreign key, and activities are not
 * deleted.
 *
 * Read by `ActivityStatsRepository.fromTally` and by the migration ActivityTally1796670100000,
 * which creates the table, the triggers and the backfill from these specs: a later change of a
 * spec needs a new migration that drops the tally (`dropTallies` with the old specs) and creates
 * it again.
 */
export const ACTIVITY_TALLY = 'activity_tally';

/**
 * The China-time month (UTC+8, no daylight saving) of a DATETIME column holding UTC, as
 * 'YYYY-MM': the MONTH of `activityStats`, the same expression in the tally and in the GROUP BY.
 */
export function chinaMonthSql(column: string, dialect: TallyDialect): string {
  return dialect === 'sqlite' ? `strftime('%Y-%m', ${column}, '+8 hours')` : `DATE_FORMAT(DATE_ADD(${column}, INTERVAL 8 HOUR), '%Y-%m')`;
}

/** The dimensions, read from the activity row (`activity(r)`: the counted row itself, or a participation's joined activity). */
function dimensions(activity: (r: TallyRow) => string): TallyColumn[] {
  return [
    { column: 'month', type: 'varchar(7)', value: (r, d) => chinaMonthSql(`${activity(r)}.starts_at`, d) },
    { column: 'kind', type: 'varchar(24)', value: (r) => `${activity(r)}.kind` },
    { column: 'district_code', type: 'varchar(6)', value: (r) => `${activity(r)}.district_code` },
    { column: 'status', type: 'varchar(12)', value: (r) => `${activity(r)}.status` },
  ];
}

/** The activity's columns the dimensions read. */
const ACTIVITY_DIMENSIONS = ['starts_at', 'kind', 'district_code', 'status'];

/** participation.hours is decimal(3,1): sums of up to 10^12 such hours fit. */
const HOURS_TYPE = 'decimal(14,1)';

const attended = (r: TallyRow) => `${r.src}.attendance = 'ATTENDED'`;

export const ACTIVITY_TALLY_SPECS: readonly TallySpec[] = [
  {
    table: ACTIVITY_TALLY,
    source: 'activity',
    watch: ACTIVITY_DIMENSIONS,
    dimensions: dimensions((r) => r.src),
    measures: [
      { column: 'activities', type: 'int', value: () => '1' },
      { column: 'participations', type: 'int', value: () => '0' },
      { column: 'attended', type: 'int', value: () => '0' },
      { column: 'hours', type: HOURS_TYPE, value: () => '0' },
    ],
  },
  {
    table: ACTIVITY_TALLY,
    source: 'participation',
    watch: ['activity_id', 'attendance', 'hours'],
    join: { table: 'activity', key: 'activity_id', id: 'id', watch: ACTIVITY_DIMENSIONS },
    dimensions: dimensions((r) => r.joined),
    measures: [
      { column: 'activities', type: 'int', value: () => '0' },
      { column: 'participations', type: 'int', value: () => '1' },
      { column: 'attended', type: 'int', value: (r) => `CASE WHEN ${attended(r)} THEN 1 ELSE 0 END` },
      // An attended participation with no hours recorded adds nothing (the measure is COALESCEd to 0).
      { column: 'hours', type: HOURS_TYPE, value: (r) => `CASE WHEN ${attended(r)} THEN ${r.src}.hours ELSE 0 END` },
    ],
  },
];

/** What an activity's tally row is: the dimensions, as the stored activity holds them. */
export interface TallyGroupOf {
  readonly startsAt: Date;
  readonly kind: string;
  readonly districtCode: string;
  readonly status: string;
}

const chinaMonth = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 7);

/**
 * Orders rows by the tally row they add to (the table's primary key order: month, kind,
 * district, status; the values are ASCII, so every collation orders them alike). A bulk write
 * that inserts its rows in this order takes the tally rows' locks in one order: two concurrent
 * imports that touch the same groups then wait for each other instead of deadlocking (MariaDB
 * rolls one back when two transactions upsert the same two tally rows in opposite orders).
 */
export function inTallyOrder<T>(rows: readonly T[], group: (row: T) => TallyGroupOf): T[] {
  const key = (row: T) => {
    const g = group(row);
    return [chinaMonth(g.startsAt), g.kind, g.districtCode, g.status];
  };
  const keyed = rows.map((row) => ({ row, key: key(row) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! < b.key[i]! ? -1 : 1;
    return 0;
  });
  return keyed.map((k) => k.row);
}
