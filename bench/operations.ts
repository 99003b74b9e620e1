/**
 * The operations the benchmark measures: each a real user's query or mutation, as the dashboard
 * sends it to the gateway, with the same work done by hand-written SQL: the floor. Adding an
 * operation is one entry in OPERATIONS: its GraphQL text, how to pick its variables from the
 * dataset, and its floor.
 *
 * The floors read the four databases on one MariaDB server (`<prefix>persons.person` etc.) with
 * as few statements as a person writing SQL by hand would use, and build exactly the `data` of
 * Tongxin's answer, so that the two can be compared row for row. The import's floor writes the
 * same rows, with the same stored values, with multi-row INSERTs in one transaction.
 */
import { CITY, COUNTY_LEVEL_UNITS, districtOf, makeIdNumber, maskIdNumber, maskMobile, PersonalDataCipher, randomIds, streetsOf, todayInChina } from '@tongxin/common';

/** The "today" of every bench dataset (the demo generator's), so that a seed gives the same city on any day. */
export const BENCH_TODAY = '2026-11-01';

/** What a floor may use: SQL against the dataset's databases. */
export interface FloorDb {
  /** `\`bench_20000_persons\``: the quoted database of a subgraph. */
  db(subgraph: 'persons' | 'organizations' | 'activities' | 'evaluation'): string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** `work` on one connection inside one transaction (committed when it resolves, rolled back when it throws). */
  transaction<T>(work: (tx: Pick<FloorDb, 'db' | 'query'>) => Promise<T>): Promise<T>;
}

/** Facts of the dataset the operations pick their variables from (see bench/src/dataset.ts). */
export interface Sample {
  /** The district with the most persons. */
  readonly districtCode: string;
  /** A person with memberships, participations and evaluations. */
  readonly personId: string;
  /** The association (FRIENDSHIP or INDUSTRY) with the most running members. */
  readonly associationId: string;
}

/** Who sends the operation: a city administrator, or the administrator of `Sample.associationId`. */
export type Caller = 'city' | 'association';

export interface ReadOperation {
  readonly kind: 'read';
  readonly name: string;
  readonly description: string;
  readonly caller: Caller;
  readonly query: string;
  /** Rows the SQL-count guarantee is checked at: the same query at these page sizes must send as many statements. */
  readonly sizes?: readonly [small: number, large: number];
  variables(sample: Sample, size?: number): Record<string, unknown>;
  /** The `data` of the answer, from hand-written SQL. */
  floor(db: FloorDb, variables: Record<string, unknown>): Promise<unknown>;
  /**
   * p50 tongxin / floor at most this (issue 6, §5: the export 4x, the other reads 3x), or null
   * where the ratio is information only (issue 15: the reads that fan out over several subgraphs,
   * whose sub-millisecond floors no gateway over subgraphs comes near).
   */
  readonly floorLimit: number | null;
  /** Throughput tongxin / hive at least this (default 1; issue 15: 1.2 where the floor ratio is information only). */
  readonly hiveLimit?: number;
  /**
   * A whole-register aggregate (statistics, the matrix): it reads every row it counts, by design,
   * so its EXPLAIN is shown but does not count against "no full scans in list queries".
   */
  readonly aggregate?: boolean;
}

export interface WriteOperation {
  readonly kind: 'write';
  readonly name: string;
  readonly description: string;
  readonly caller: Caller;
  readonly query: string;
  /** Variables of the n-th request of a run (unique where the platform demands it). */
  variables(sample: Sample, n: number, run: number): Record<string, unknown>;
  /** The ID numbers of the persons a request with these variables registers (the bench removes them after the run). */
  registers(variables: Record<string, unknown>): string[];
}

/** One row of the registration form as `importPersons` takes it: text under the form's field names. */
export type ImportRow = Readonly<Record<string, string>>;

/**
 * An import of many rows in one go: not a load of many requests, but a few imports one after the
 * other, each timed whole. Its floor writes the same rows with the same stored values.
 */
export interface ImportOperation {
  readonly kind: 'import';
  readonly name: string;
  readonly description: string;
  readonly caller: Caller;
  /** The mutation; its variables are `{ rows, dryRun }`. */
  readonly query: string;
  /** Rows of one import (the bench may be asked for fewer: `--import-rows`). */
  readonly rows: number;
  /** Rows `first` .. `first + count - 1` of a run (`run`: a number the run draws, 0..999): valid, with ID numbers unique across runs. */
  makeRows(run: number, first: number, count: number): ImportRow[];
  /** The ID number of a row (the bench removes the persons it registered after the run). */
  idNumberOf(row: ImportRow): string;
  /**
   * The floor: the rows as the register stores them (the personal numbers sealed with `cipher`)
   * written into `table` of the persons database with multi-row INSERTs in one transaction;
   * returns the statements it sent.
   */
  floor(db: FloorDb, rows: readonly ImportRow[], table: string, cipher: PersonalDataCipher): Promise<{ rows: number; statements: number }>;
  /** seconds tongxin / floor (issue 6: 5). */
  readonly floorLimit: number;
}

export type Operation = ReadOperation | WriteOperation | ImportOperation;

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(',');
const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** `{ persons: [...] }` grouped by a key, keeping the order of `rows`. */
function groupBy<T extends Record<string, unknown>>(rows: readonly T[], key: keyof T): Map<unknown, T[]> {
  const groups = new Map<unknown, T[]>();
  for (const row of rows) {
    const list = groups.get(row[key]);
    if (list) list.push(row);
    else groups.set(row[key], [row]);
  }
  return groups;
}

interface MembershipRow extends Record<string, unknown> {
  person_id: string;
  id: string;
  role: string;
  start_date: string;
  end_date: string | null;
  organization_id: string;
  organization_name: string;
}

async function membershipsOf(db: FloorDb, personIds: readonly string[]): Promise<Map<unknown, MembershipRow[]>> {
  if (personIds.length === 0) return new Map();
  const rows = await db.query<MembershipRow>(
    `SELECT m.person_id, m.id, m.role, m.start_date, m.end_date, m.organization_id, o.name AS organization_name
       FROM ${db.db('organizations')}.membership m JOIN ${db.db('organizations')}.organization o ON o.id = m.organization_id
      WHERE m.person_id IN (${placeholders(personIds.length)}) ORDER BY m.id`,
    personIds,
  );
  return groupBy(rows, 'person_id');
}

/** Persons the API lists: ACTIVE and MOVED_AWAY unless a filter names statuses. */
const LISTED = `status IN ('ACTIVE', 'MOVED_AWAY')`;

export const personList: ReadOperation = {
  kind: 'read',
  name: 'person-list',
  description: "A district's person list page (50 rows) with each person's memberships",
  caller: 'city',
  floorLimit: 3,
  sizes: [10, 50],
  query: `query PersonList($district: String!, $first: Int!) {
  persons(first: $first, filter: { districtCode: $district }) {
    totalCount
    pageInfo { hasNextPage }
    edges { node { id name gender birthYear category status memberships { id role startDate endDate organization { id name } } } }
  }
}`,
  variables: (s, size = 50) => ({ district: s.districtCode, first: size }),
  async floor(db, v) {
    const first = v.first as number;
    const persons = await db.query<{ id: string; name: string; gender: string; birth_year: number; category: string; status: string }>(
      `SELECT id, name, gender, birth_year, category, status FROM ${db.db('persons')}.person
        WHERE district_code = ? AND ${LISTED} ORDER BY id LIMIT ?`,
      [v.district, first + 1],
    );
    const [{ total }] = (await db.query<{ total: number }>(`SELECT COUNT(*) AS total FROM ${db.db('persons')}.person WHERE district_code = ? AND ${LISTED}`, [v.district])) as [{ total: number }];
    const page = persons.slice(0, first);
    const memberships = await membershipsOf(
      db,
      page.map((p) => p.id),
    );
    return {
      persons: {
        totalCount: Number(total),
        pageInfo: { hasNextPage: persons.length > first },
        edges: page.map((p) => ({
          node: {
            id: p.id,
            name: p.name,
            gender: p.gender,
            birthYear: Number(p.birth_year),
            category: p.category,
            status: p.status,
            memberships: (memberships.get(p.id) ?? []).map((m) => ({
              id: m.id,
              role: m.role,
              startDate: m.start_date,
              endDate: m.end_date,
              organization: { id: m.organization_id, name: m.organization_name },
            })),
          },
        })),
      },
    };
  },
};

/** The evaluation dimensions in the order the API lists a score's dimensions (the order of the evaluation subgraph's enum). */
const DIMENSIONS = ['POLITICAL_QUALITY', 'SOCIAL_CONTRIBUTION', 'PARTICIPATION_ABILITY', 'STRATUM_INFLUENCE', 'POLITICAL_THINKING', 'PROFESSIONAL_QUALITY', 'OVERALL_STRENGTH', 'PUBLIC_IMAGE']
  .map((d) => `'${d}'`)
  .join(', ');

export const personProfile: ReadOperation = {
  kind: 'read',
  name: 'person-profile',
  description: "One person's full profile across all four subgraphs (memberships, participations, evaluations with their scores)",
  caller: 'city',
  floorLimit: null,
  hiveLimit: 1.2,
  query: `query PersonProfile($id: ID!) {
  person(id: $id) {
    id name gender birthYear ethnicity politicalAffiliation education category profession employer position returnee registeredOn status
    memberships { id role startDate endDate active organization { id name kind level } }
    participations(first: 20) { totalCount edges { node { id role attendance hours activity { id title kind } } } }
    evaluations { id year evaluator composite scores { dimension score weight } }
  }
}`,
  variables: (s) => ({ id: s.personId }),
  async floor(db, v) {
    const id = v.id as string;
    const [p] = await db.query<Record<string, unknown>>(
      `SELECT id, name, gender, birth_year, ethnicity, political_affiliation, education, category, profession, employer, position,
              returnee, registered_on, status FROM ${db.db('persons')}.person WHERE id = ?`,
      [id],
    );
    if (!p) return { person: null };
    const memberships = await db.query<Record<string, unknown>>(
      `SELECT m.id, m.role, m.start_date, m.end_date, o.id AS org_id, o.name AS org_name, o.kind, o.level
         FROM ${db.db('organizations')}.membership m JOIN ${db.db('organizations')}.organization o ON o.id = m.organization_id
        WHERE m.person_id = ? ORDER BY m.id`,
      [id],
    );
    const participations = await db.query<Record<string, unknown>>(
      `SELECT p.id, p.role, p.attendance, p.hours, a.id AS activity_id, a.title, a.kind, (SELECT COUNT(*) FROM ${db.db('activities')}.participation c WHERE c.person_id = ?) AS total
         FROM ${db.db('activities')}.participation p JOIN ${db.db('activities')}.activity a ON a.id = p.activity_id
        WHERE p.person_id = ? ORDER BY p.id LIMIT 20`,
      [id, id],
    );
    const totalParticipations =
      participations.length > 0
        ? Number(participations[0]!.total)
        : Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${db.db('activities')}.participation WHERE person_id = ?`, [id]))[0]!.n);
    const scores = await db.query<Record<string, unknown>>(
      `SELECT e.id, e.year, e.evaluator, e.composite, s.dimension, s.score, s.weight
         FROM ${db.db('evaluation')}.evaluation e LEFT JOIN ${db.db('evaluation')}.evaluation_score s ON s.evaluation_id = e.id
        WHERE e.person_id = ? ORDER BY e.year DESC, e.id DESC, FIELD(s.dimension, ${DIMENSIONS}) = 0, FIELD(s.dimension, ${DIMENSIONS})`,
      [id],
    );
    const evaluations = [...groupBy(scores, 'id').values()].map((rows) => ({
      id: rows[0]!.id,
      year: Number(rows[0]!.year),
      evaluator: rows[0]!.evaluator,
      composite: num(rows[0]!.composite),
      scores: rows.filter((r) => r.dimension !== null).map((r) => ({ dimension: r.dimension, score: num(r.score), weight: num(r.weight) })),
    }));
    return {
      person: {
        id: p.id,
        name: p.name,
        gender: p.gender,
        birthYear: Number(p.birth_year),
        ethnicity: p.ethnicity,
        politicalAffiliation: p.political_affiliation,
        education: p.education,
        category: p.category,
        profession: p.profession,
        employer: p.employer,
        position: p.position,
        returnee: Boolean(p.returnee),
        registeredOn: p.registered_on,
        status: p.status,
        memberships: memberships.map((m) => ({
          id: m.id,
          role: m.role,
          startDate: m.start_date,
          endDate: m.end_date,
          active: m.end_date === null,
          organization: { id: m.org_id, name: m.org_name, kind: m.kind, level: m.level },
        })),
        participations: {
          totalCount: totalParticipations,
          edges: participations.map((r) => ({
            node: { id: r.id, role: r.role, attendance: r.attendance, hours: num(r.hours), activity: { id: r.activity_id, title: r.title, kind: r.kind } },
          })),
        },
        evaluations,
      },
    };
  },
};

export const exportRows: ReadOperation = {
  kind: 'read',
  name: 'export-1000',
  description: 'A 1,000-row cross-subgraph export: persons with memberships, participation count and latest composite score',
  caller: 'city',
  floorLimit: 4,
  sizes: [100, 1000],
  query: `query Export($first: Int!) {
  persons(first: $first) {
    edges { node { id name category district { code } memberships { role active organization { name } } participations { totalCount } latestEvaluation { year composite } } }
  }
}`,
  variables: (_s, size = 1000) => ({ first: size }),
  async floor(db, v) {
    const persons = await db.query<{ id: string; name: string; category: string; district_code: string }>(
      `SELECT id, name, category, district_code FROM ${db.db('persons')}.person WHERE ${LISTED} ORDER BY id LIMIT ?`,
      [v.first],
    );
    const ids = persons.map((p) => p.id);
    if (ids.length === 0) return { persons: { edges: [] } };
    const memberships = await membershipsOf(db, ids);
    const counts = new Map(
      (
        await db.query<{ person_id: string; n: number }>(
          `SELECT person_id, COUNT(*) AS n FROM ${db.db('activities')}.participation WHERE person_id IN (${placeholders(ids.length)}) GROUP BY person_id`,
          ids,
        )
      ).map((r) => [r.person_id, Number(r.n)]),
    );
    const latest = new Map(
      (
        await db.query<{ person_id: string; year: number; composite: string }>(
          `SELECT person_id, year, composite FROM (
             SELECT person_id, year, composite, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY year DESC, id DESC) AS n
               FROM ${db.db('evaluation')}.evaluation WHERE person_id IN (${placeholders(ids.length)})) e WHERE n = 1`,
          ids,
        )
      ).map((r) => [r.person_id, { year: Number(r.year), composite: Number(r.composite) }]),
    );
    return {
      persons: {
        edges: persons.map((p) => ({
          node: {
            id: p.id,
            name: p.name,
            category: p.category,
            district: { code: p.district_code },
            memberships: (memberships.get(p.id) ?? []).map((m) => ({ role: m.role, active: m.end_date === null, organization: { name: m.organization_name } })),
            participations: { totalCount: counts.get(p.id) ?? 0 },
            latestEvaluation: latest.get(p.id) ?? null,
          },
        })),
      },
    };
  },
};

export const associationMembers: ReadOperation = {
  kind: 'read',
  name: 'association-members',
  description: "An association's member list (50 running members), asked by its own administrator",
  caller: 'association',
  floorLimit: null,
  hiveLimit: 1.2,
  sizes: [10, 50],
  query: `query Members($id: ID!, $first: Int!) {
  organization(id: $id) { members(first: $first) { edges { node { person { name } role } } } }
}`,
  variables: (s, size = 50) => ({ id: s.associationId, first: size }),
  async floor(db, v) {
    const rows = await db.query<{ name: string; role: string }>(
      `SELECT p.name, m.role FROM ${db.db('organizations')}.membership m JOIN ${db.db('persons')}.person p ON p.id = m.person_id
        WHERE m.organization_id = ? AND m.end_date IS NULL ORDER BY m.id LIMIT ?`,
      [v.id, v.first],
    );
    return { organization: { members: { edges: rows.map((r) => ({ node: { person: { name: r.name }, role: r.role } })) } } };
  },
};

/** Names may hold only letters: the request's number in Chinese digits. */
const DIGITS = '零一二三四五六七八九';

/** Counties of the city, where the registered persons are registered. */
const REGISTER_DISTRICTS = ['330302', '330303', '330304', '330305', '330324', '330326', '330327', '330328', '330329', '330381', '330382', '330383'];

export const registerPerson: WriteOperation = {
  kind: 'write',
  name: 'register-person',
  description: 'Registering a person (a unique ID number per request)',
  caller: 'city',
  query: `mutation Register($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id version } }
}`,
  variables(_s, n, run) {
    // Unique across requests (n) and runs (run: a number the run draws at random, 0..999), and
    // never a number of the dataset: an issuing place of the run's own (338000 + run: a county
    // code no real number, the demo city and the import use), then a birth date and a sequence
    // from the request's number (1,000 per day from 1950-01-01). Real county codes collided with
    // the demo city's persons now and then: CONFLICT, counted as errors.
    const districtCode = REGISTER_DISTRICTS[run % REGISTER_DISTRICTS.length]!;
    const birthDate = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10);
    return {
      input: {
        name: `测试${[...String(n)].map((d) => DIGITS[Number(d)]).join('')}`,
        idNumber: makeIdNumber(`338${String(run).padStart(3, '0')}`, birthDate, n % 1000),
        politicalAffiliation: 'NON_PARTY',
        category: 'FREELANCER',
        districtCode,
      },
    };
  },
  registers: (v) => [(v.input as { idNumber: string }).idNumber],
};

/** The dashboard's year: the demo city's "today" is in it. */
const DASHBOARD_YEAR = Number(BENCH_TODAY.slice(0, 4));

/** Membership roles in the order of the organizations subgraph's enum (MemberStats.byRole keeps it). */
const MEMBERSHIP_ROLES = ['PRESIDENT', 'VICE_PRESIDENT', 'SECRETARY_GENERAL', 'DIRECTOR', 'LEADER', 'DEPUTY_LEADER', 'LIAISON', 'MEMBER'];

/** The quotas of §7 when none is set for a pool and year (the evaluation subgraph's rule). */
const DEFAULT_POOL_QUOTAS: Readonly<Record<string, { minimum: number; maximum: number | null }>> = {
  CITY: { minimum: 180, maximum: 220 },
  DISTRICT: { minimum: 50, maximum: null },
};

const district = (code: string) => {
  const d = districtOf(code);
  return { code: d.code, name: d.name };
};

/** An instant of the API (`2026-01-01T00:00:00+08:00`) as the DATETIME the databases hold (UTC). */
const utcDateTime = (instant: unknown) => new Date(String(instant)).toISOString().slice(0, 19).replace('T', ' ');

interface YearCount {
  year: number;
  count: number;
}

function yearCounts(counts: Map<number, number>): YearCount[] {
  return [...counts.entries()].sort(([a], [b]) => a - b).map(([year, count]) => ({ year, count }));
}

export const dashboardStatistics: ReadOperation = {
  kind: 'read',
  name: 'dashboard-statistics',
  description:
    "The city dashboard in one request: persons by district and category, organizations by district and kind, the city-level organizations' member statistics, this year's activities by month and kind, the talent pools' compliance",
  caller: 'city',
  // Issue 16 §4: the statistics answer from counts kept by the database (tallies), the floor
  // groups the tables: p50 at most a twentieth of the floor's.
  floorLimit: 0.05,
  aggregate: true,
  // The city-level organizations listed with their memberStats: the one part whose rows could multiply statements.
  sizes: [5, 20],
  query: `query DashboardStatistics($year: Int!, $yearStarts: DateTime!, $yearEnds: DateTime!, $organizations: Int!) {
  personStats(groupBy: [DISTRICT, CATEGORY]) { district { code name } category count }
  organizationStats(groupBy: [DISTRICT, KIND]) { district { code name } kind count }
  organizations(first: $organizations, filter: { level: CITY }) {
    edges { node { id name kind memberStats { running left roleChanges byRole { role count } joinedPerYear { year count } leftPerYear { year count } } } }
  }
  activityStats(groupBy: [MONTH, KIND], filter: { startsFrom: $yearStarts, startsBefore: $yearEnds }) { month kind activities participations attended hours }
  talentPoolCompliance(year: $year) { level district { code name } year count underReview minimum maximum compliant shortfall excess defaultQuota }
}`,
  variables: (_s, size = 20) => ({
    year: DASHBOARD_YEAR,
    yearStarts: `${DASHBOARD_YEAR}-01-01T00:00:00+08:00`,
    yearEnds: `${DASHBOARD_YEAR + 1}-01-01T00:00:00+08:00`,
    organizations: size,
  }),
  async floor(db, v) {
    const persons = db.db('persons');
    const organizations = db.db('organizations');
    const activities = db.db('activities');
    const evaluation = db.db('evaluation');
    const year = v.year as number;
    const [personStats, organizationStats, cityOrganizations, activityStats, pools, quotas] = await Promise.all([
      // The register's counts: persons the API lists (ACTIVE and MOVED_AWAY).
      db.query<{ district_code: string; category: string; n: number }>(
        `SELECT district_code, category, COUNT(*) AS n FROM ${persons}.person WHERE ${LISTED}
          GROUP BY district_code, category ORDER BY district_code, category`,
      ),
      db.query<{ district_code: string; kind: string; n: number }>(
        `SELECT district_code, kind, COUNT(*) AS n FROM ${organizations}.organization GROUP BY district_code, kind ORDER BY district_code, kind`,
      ),
      db.query<{ id: string; name: string; kind: string }>(`SELECT id, name, kind FROM ${organizations}.organization WHERE level = 'CITY' ORDER BY id LIMIT ?`, [v.organizations]),
      // Every activity starting in the year (China time), whatever its status; the month of its start in China time (UTC+8).
      db.query<{ month: string; kind: string; activities: number; participations: number; attended: string; hours: string }>(
        `SELECT DATE_FORMAT(DATE_ADD(a.starts_at, INTERVAL 8 HOUR), '%Y-%m') AS month, a.kind, COUNT(DISTINCT a.id) AS activities, COUNT(p.id) AS participations,
                COALESCE(SUM(p.attendance = 'ATTENDED'), 0) AS attended, COALESCE(SUM(CASE WHEN p.attendance = 'ATTENDED' THEN p.hours END), 0) AS hours
           FROM ${activities}.activity a LEFT JOIN ${activities}.participation p ON p.activity_id = a.id
          WHERE a.starts_at >= ? AND a.starts_at < ?
          GROUP BY month, a.kind ORDER BY month, a.kind`,
        [utcDateTime(v.yearStarts), utcDateTime(v.yearEnds)],
      ),
      db.query<{ level: string; district_code: string; active: string; under_review: string }>(
        `SELECT level, district_code, SUM(status = 'ACTIVE') AS active, SUM(status = 'UNDER_REVIEW') AS under_review
           FROM ${evaluation}.talent_pool_entry WHERE year = ? GROUP BY level, district_code`,
        [year],
      ),
      db.query<{ level: string; district_code: string; minimum: number; maximum: number | null }>(`SELECT level, district_code, minimum, maximum FROM ${evaluation}.talent_pool_quota WHERE year = ?`, [
        year,
      ]),
    ]);

    // Member statistics of the listed organizations: one GROUP BY, folded per organization.
    const groups =
      cityOrganizations.length === 0
        ? []
        : await db.query<{ organization_id: string; role: string; start_year: number; end_year: number | null; joined: number; leaving: number; n: number }>(
            `SELECT organization_id, role, YEAR(start_date) AS start_year, YEAR(end_date) AS end_year, previous_id IS NULL AS joined, next_id IS NULL AS leaving, COUNT(*) AS n
               FROM ${organizations}.membership WHERE organization_id IN (${placeholders(cityOrganizations.length)})
              GROUP BY organization_id, role, start_year, end_year, joined, leaving`,
            cityOrganizations.map((o) => o.id),
          );
    const memberStats = (organizationId: string) => {
      let running = 0;
      let left = 0;
      let roleChanges = 0;
      const byRole = new Map<string, number>();
      const joinedPerYear = new Map<number, number>();
      const leftPerYear = new Map<number, number>();
      const add = <K>(map: Map<K, number>, key: K, n: number) => map.set(key, (map.get(key) ?? 0) + n);
      for (const g of groups) {
        if (g.organization_id !== organizationId) continue;
        const n = Number(g.n);
        if (g.end_year === null) {
          running += n;
          add(byRole, g.role, n);
        } else if (Number(g.leaving)) {
          left += n;
          add(leftPerYear, Number(g.end_year), n);
        } else roleChanges += n;
        if (Number(g.joined)) add(joinedPerYear, Number(g.start_year), n);
      }
      return {
        running,
        left,
        roleChanges,
        byRole: MEMBERSHIP_ROLES.filter((r) => byRole.has(r)).map((role) => ({ role, count: byRole.get(role)! })),
        joinedPerYear: yearCounts(joinedPerYear),
        leftPerYear: yearCounts(leftPerYear),
      };
    };

    const poolCount = (level: string, code: string) => pools.find((p) => p.level === level && p.district_code === code);
    const compliance = [['CITY', CITY.code] as const, ...COUNTY_LEVEL_UNITS.map((d) => ['DISTRICT', d.code] as const)].map(([level, code]) => {
      const set = quotas.find((q) => q.level === level && q.district_code === code);
      const quota = set ? { minimum: Number(set.minimum), maximum: set.maximum === null ? null : Number(set.maximum) } : DEFAULT_POOL_QUOTAS[level]!;
      const pool = poolCount(level, code);
      const count = Number(pool?.active ?? 0);
      const shortfall = Math.max(0, quota.minimum - count);
      const excess = quota.maximum === null ? 0 : Math.max(0, count - quota.maximum);
      return {
        level,
        district: district(code),
        year,
        count,
        underReview: Number(pool?.under_review ?? 0),
        minimum: quota.minimum,
        maximum: quota.maximum,
        compliant: shortfall === 0 && excess === 0,
        shortfall,
        excess,
        defaultQuota: !set,
      };
    });

    return {
      personStats: personStats.map((r) => ({ district: district(r.district_code), category: r.category, count: Number(r.n) })),
      organizationStats: organizationStats.map((r) => ({ district: district(r.district_code), kind: r.kind, count: Number(r.n) })),
      organizations: { edges: cityOrganizations.map((o) => ({ node: { id: o.id, name: o.name, kind: o.kind, memberStats: memberStats(o.id) } })) },
      activityStats: activityStats.map((r) => ({
        month: r.month,
        kind: r.kind,
        activities: Number(r.activities),
        participations: Number(r.participations),
        attended: Number(r.attended),
        hours: Math.round(Number(r.hours) * 10) / 10,
      })),
      talentPoolCompliance: compliance,
    };
  },
};

export const crossDistrictMatrix: ReadOperation = {
  kind: 'read',
  name: 'cross-district-matrix',
  description: 'The district × district matrix of running memberships: persons registered in one district in organizations of another (docs/CROSS-DISTRICT.md)',
  caller: 'city',
  floorLimit: 3,
  aggregate: true,
  query: `query CrossDistrictMatrix($activeOnly: Boolean!) {
  crossDistrictMatrix(activeOnly: $activeOnly) { personDistrict { code name } organizationDistrict { code name } persons memberships }
}`,
  variables: () => ({ activeOnly: true }),
  async floor(db, v) {
    // The honest join from the base tables: where each person is registered (persons.person; an
    // archived person counts nowhere) against the district of each organization they belong to.
    const rows = await db.query<{ person_district: string; organization_district: string; persons: number; memberships: number }>(
      `SELECT p.district_code AS person_district, o.district_code AS organization_district, COUNT(DISTINCT m.person_id) AS persons, COUNT(*) AS memberships
         FROM ${db.db('organizations')}.membership m
         JOIN ${db.db('organizations')}.organization o ON o.id = m.organization_id
         JOIN ${db.db('persons')}.person p ON p.id = m.person_id
        WHERE p.status <> 'ARCHIVED'${v.activeOnly === false ? '' : ' AND m.end_date IS NULL'}
        GROUP BY p.district_code, o.district_code ORDER BY p.district_code, o.district_code`,
    );
    return {
      crossDistrictMatrix: rows.map((r) => ({
        personDistrict: district(r.person_district),
        organizationDistrict: district(r.organization_district),
        persons: Number(r.persons),
        memberships: Number(r.memberships),
      })),
    };
  },
};

/**
 * What the rows of the import say, cell text and the value it stands for (a department's sheet
 * holds the Chinese labels). Six kinds of person, in turn.
 */
const IMPORT_PROFILES = [
  {
    politicalAffiliation: ['中共党员', 'CPC_MEMBER'],
    education: ['本科', 'BACHELOR'],
    category: ['私营企业主', 'PRIVATE_BUSINESS_OWNER'],
    profession: ['企业主', 'BUSINESS_OWNER'],
    employer: '温州瓯江电器有限公司',
    position: '总经理',
  },
  {
    politicalAffiliation: ['群众', 'MASSES'],
    education: ['大专', 'JUNIOR_COLLEGE'],
    category: ['个体户', 'SELF_EMPLOYED'],
    profession: ['个体经营者', 'INDIVIDUAL_BUSINESS'],
    employer: '鹿城五金商行',
    position: '业主',
  },
  {
    politicalAffiliation: ['无党派人士', 'NON_PARTY'],
    education: ['硕士研究生', 'MASTER'],
    category: ['中介组织从业人员', 'INTERMEDIARY'],
    profession: ['律师', 'LAWYER'],
    employer: '浙江瓯越律师事务所',
    position: '合伙人',
  },
  {
    politicalAffiliation: ['民革党员', 'RCCK'],
    education: ['博士研究生', 'DOCTORATE'],
    category: ['民营科技企业创业人员和技术人员', 'PRIVATE_TECH'],
    profession: ['技术人员', 'TECHNICAL_STAFF'],
    employer: '温州数智科技有限公司',
    position: '研发总监',
  },
  {
    politicalAffiliation: ['九三学社社员', 'JIUSAN'],
    education: ['高中/中专', 'SENIOR_HIGH'],
    category: ['自由职业人员', 'FREELANCER'],
    profession: ['经纪人', 'BROKER'],
    employer: null,
    position: null,
  },
  {
    politicalAffiliation: ['民建会员', 'CNDCA'],
    education: ['本科', 'BACHELOR'],
    category: ['外资企业管理技术人员', 'FOREIGN_ENTERPRISE'],
    profession: ['管理人员', 'MANAGER'],
    employer: '温州华瑞电子有限公司',
    position: '部门经理',
  },
] as const;

/** The floor's reading of the cells: label to stored value. */
const LABELS = new Map<string, string>(IMPORT_PROFILES.flatMap((p) => [p.politicalAffiliation, p.education, p.category, p.profession].map(([label, value]) => [label, value] as const)));

const chineseDigits = (n: number) => [...String(n)].map((d) => DIGITS[Number(d)]).join('');

/** The register's columns the import writes (created_at and updated_at take their defaults). */
export const PERSON_COLUMNS = [
  'id',
  'name',
  'gender',
  'birth_date_enc',
  'birth_year',
  'ethnicity',
  'political_affiliation',
  'education',
  'category',
  'profession',
  'employer',
  'position',
  'returnee',
  'returnee_country',
  'district_code',
  'street_code',
  'community',
  'status',
  'registered_on',
  'version',
  'id_number_enc',
  'id_number_hash',
  'id_number_masked',
  'mobile_enc',
  'mobile_hash',
  'mobile_masked',
];

/** Rows per INSERT of the import's floor (10 statements for 10,000 rows, well within max_allowed_packet). */
export const FLOOR_INSERT_ROWS = 1000;

export const importPersons: ImportOperation = {
  kind: 'import',
  name: 'import-10000',
  description: "Importing a department's registration form of 10,000 new persons (importPersons), each import timed whole",
  caller: 'city',
  floorLimit: 5,
  rows: 10_000,
  query: `mutation ImportPersons($rows: [PersonImportRow!]!, $dryRun: Boolean) {
  importPersons(rows: $rows, dryRun: $dryRun) { dryRun written rowCount registered alreadyRegistered errors { row column message } }
}`,
  makeRows(run, first, count) {
    return Array.from({ length: count }, (_, i) => {
      const k = first + i;
      // ID numbers unique across runs: an issuing place of the run's own (339000 + run: province 33,
      // a county code no real number and no other operation uses), then a birth date and a
      // sequence from the row's number (1,000 rows per day from 1960-01-01).
      const birthDate = new Date(Date.UTC(1960, 0, 1) + Math.floor(k / 1000) * 86_400_000).toISOString().slice(0, 10);
      const unit = COUNTY_LEVEL_UNITS[k % COUNTY_LEVEL_UNITS.length]!;
      const streets = streetsOf(unit.code);
      const profile = IMPORT_PROFILES[k % IMPORT_PROFILES.length]!;
      const row: Record<string, string> = {
        name: `导入${chineseDigits(k)}`,
        idNumber: makeIdNumber(`339${String(run).padStart(3, '0')}`, birthDate, k % 1000),
        politicalAffiliation: profile.politicalAffiliation[0],
        education: profile.education[0],
        category: profile.category[0],
        profession: profile.profession[0],
        district: unit.name,
        street: streets[k % streets.length]!.name,
        community: '新华社区',
        mobile: `139${String(run).padStart(3, '0')}${String(k % 100_000).padStart(5, '0')}`,
        returnee: '否',
      };
      if (profile.employer) row.employer = profile.employer;
      if (profile.position) row.position = profile.position;
      return row;
    });
  },
  idNumberOf: (row) => row.idNumber!,
  async floor(db, rows, table, cipher) {
    if (!/^[a-z_]+$/.test(table)) throw new Error(`Not a table name: ${table}`);
    const today = todayInChina();
    const values = rows.map((row) => {
      // The cells as a hand-written import reads them: the ID number gives the birth date and the
      // gender; labels become the stored values; district and street names become their codes.
      const idNumber = row.idNumber!.trim().toUpperCase();
      const districtCode = COUNTY_LEVEL_UNITS.find((d) => d.name === row.district)!.code;
      const mobile = row.mobile ?? null;
      const label = (cell: string | undefined) => (cell === undefined ? null : LABELS.get(cell)!);
      return [
        randomIds.next(),
        row.name!.trim(),
        Number(idNumber[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
        cipher.encrypt(`${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`, 'person.birth_date'),
        Number(idNumber.slice(6, 10)),
        '汉族',
        label(row.politicalAffiliation),
        label(row.education),
        label(row.category),
        label(row.profession),
        row.employer ?? null,
        row.position ?? null,
        0,
        null,
        districtCode,
        row.street ? streetsOf(districtCode).find((s) => s.name === row.street)!.code : null,
        row.community ?? null,
        'ACTIVE',
        today,
        1,
        cipher.encrypt(idNumber, 'person.id_number'),
        cipher.hash(idNumber),
        maskIdNumber(idNumber),
        mobile === null ? null : cipher.encrypt(mobile, 'person.mobile'),
        mobile === null ? null : cipher.hash(mobile),
        mobile === null ? null : maskMobile(mobile),
      ];
    });
    return db.transaction(async (tx) => {
      let statements = 0;
      for (let i = 0; i < values.length; i += FLOOR_INSERT_ROWS) {
        await tx.query(`INSERT INTO ${tx.db('persons')}.${table} (${PERSON_COLUMNS.join(', ')}) VALUES ?`, [values.slice(i, i + FLOOR_INSERT_ROWS)]);
        statements++;
      }
      return { rows: values.length, statements };
    });
  },
};

export const OPERATIONS: readonly Operation[] = [personList, personProfile, exportRows, associationMembers, dashboardStatistics, crossDistrictMatrix, registerPerson, importPersons];

export const READ_OPERATIONS = OPERATIONS.filter((o): o is ReadOperation => o.kind === 'read');
