/**
 * The operations the benchmark measures: each a real user's query or mutation, as the dashboard
 * sends it to the gateway, with (for reads) the same answer produced by hand-written SQL: the
 * floor. Adding an operation is one entry in OPERATIONS: its GraphQL text, how to pick its
 * variables from the dataset, and its floor.
 *
 * The floors read the four databases on one MariaDB server (`<prefix>persons.person` etc.) with
 * as few statements as a person writing SQL by hand would use, and build exactly the `data` of
 * Tongxin's answer, so that the two can be compared row for row.
 */
import { makeIdNumber } from '@tongxin/common';

/** What a floor may use: SQL against the dataset's databases. */
export interface FloorDb {
  /** `\`bench_20000_persons\``: the quoted database of a subgraph. */
  db(subgraph: 'persons' | 'organizations' | 'activities' | 'evaluation'): string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
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
  /** The export target is 4x, the other reads 3x (issue 6, §5). */
  readonly floorLimit: number;
}

export interface WriteOperation {
  readonly kind: 'write';
  readonly name: string;
  readonly description: string;
  readonly caller: Caller;
  readonly query: string;
  /** Variables of the n-th request of a run (unique where the platform demands it). */
  variables(sample: Sample, n: number, run: number): Record<string, unknown>;
}

/** An operation the issue lists that the platform cannot serve yet: named, never measured. */
export interface PlannedOperation {
  readonly kind: 'planned';
  readonly name: string;
  readonly description: string;
  readonly reason: string;
}

export type Operation = ReadOperation | WriteOperation | PlannedOperation;

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
      `SELECT id, name, gender, YEAR(birth_date) AS birth_year, category, status FROM ${db.db('persons')}.person
        WHERE district_code = ? AND ${LISTED} ORDER BY id LIMIT ?`,
      [v.district, first + 1],
    );
    const [{ total }] = (await db.query<{ total: number }>(`SELECT COUNT(*) AS total FROM ${db.db('persons')}.person WHERE district_code = ? AND ${LISTED}`, [v.district])) as [
      { total: number },
    ];
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
const DIMENSIONS = [
  'POLITICAL_QUALITY',
  'SOCIAL_CONTRIBUTION',
  'PARTICIPATION_ABILITY',
  'STRATUM_INFLUENCE',
  'POLITICAL_THINKING',
  'PROFESSIONAL_QUALITY',
  'OVERALL_STRENGTH',
  'PUBLIC_IMAGE',
]
  .map((d) => `'${d}'`)
  .join(', ');

export const personProfile: ReadOperation = {
  kind: 'read',
  name: 'person-profile',
  description: "One person's full profile across all four subgraphs (memberships, participations, evaluations with their scores)",
  caller: 'city',
  floorLimit: 3,
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
      `SELECT id, name, gender, YEAR(birth_date) AS birth_year, ethnicity, political_affiliation, education, category, profession, employer, position,
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
  floorLimit: 3,
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

/** Counties of the city, for the ID numbers of registered persons. */
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
    // Unique across requests (n) and runs (run: a number the run draws at random, 0..999).
    const districtCode = REGISTER_DISTRICTS[run % REGISTER_DISTRICTS.length]!;
    const day = new Date(Date.UTC(1950, 0, 1) + (Math.floor(run / REGISTER_DISTRICTS.length) * 200 + Math.floor(n / 1000)) * 86_400_000);
    const birthDate = day.toISOString().slice(0, 10);
    return {
      input: {
        name: `测试${[...String(n)].map((d) => DIGITS[Number(d)]).join('')}`,
        idNumber: makeIdNumber(districtCode, birthDate, n % 1000),
        politicalAffiliation: 'NON_PARTY',
        category: 'FREELANCER',
        districtCode,
      },
    };
  },
};

export const OPERATIONS: readonly Operation[] = [
  personList,
  personProfile,
  exportRows,
  associationMembers,
  registerPerson,
  {
    kind: 'planned',
    name: 'dashboard-statistics',
    description: "The dashboard's statistics queries",
    reason: 'not yet: needs issue 4/5 (the statistics queries are being built)',
  },
  {
    kind: 'planned',
    name: 'cross-district-matrix',
    description: 'The cross-district matrix',
    reason: 'not yet: needs issue 4/5 (the cross-district relations are being built)',
  },
  {
    kind: 'planned',
    name: 'import-10000',
    description: 'Importing 10,000 rows (floor: one multi-row INSERT of the same rows)',
    reason: 'not yet: needs issue 4/5 (the import mutation is being built)',
  },
];

export const READ_OPERATIONS = OPERATIONS.filter((o): o is ReadOperation => o.kind === 'read');
