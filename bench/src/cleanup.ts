/**
 * Leaving a reused dataset as it was found: the write operations register persons (the
 * registrations, the imports), and with each the persons subgraph appends an outbox event, the
 * organizations subgraph's replica gains a `member_district` row, and both subgraphs record audit
 * events. After measuring, the bench deletes all of it by SQL, and checks that the dataset's
 * counts (and those of these tables) are what they were before.
 */
import type { PersonalDataCipher } from '@tongxin/common';
import type { FloorDb } from '../operations';
import { countRows, DatasetCounts } from './dataset';

/** What the write operations leave besides persons. */
export interface SideCounts {
  outboxEvents: number;
  memberDistricts: number;
  personsAuditEvents: number;
  organizationsAuditEvents: number;
  /** The organizations subgraph's outbox and the persons subgraph's replica of memberships: no bench operation changes a membership. */
  membershipEvents: number;
  membershipReplicaRows: number;
}

export interface DatasetCheck {
  before: DatasetCounts & SideCounts;
  after: DatasetCounts & SideCounts;
  /** Every count the same after the run as before it. */
  unchanged: boolean;
}

/** Rows the clean-up deleted. */
export interface Removed {
  persons: number;
  outboxEvents: number;
  memberDistricts: number;
  auditEvents: number;
}

/** The audit actions of the persons subgraph that the bench's writes record (the import's dry run and matches included). */
const WRITE_ACTIONS = ['registerPerson', 'importPersons', 'importMatch'];
const CHUNK = 1000;

const affected = (result: unknown) => Number((result as { affectedRows?: number }).affectedRows ?? 0);
const inList = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

export async function sideCounts(db: FloorDb): Promise<SideCounts> {
  const count = async (sql: string) => Number((await db.query<{ n: number }>(sql))[0]!.n);
  return {
    outboxEvents: await count(`SELECT COUNT(*) AS n FROM ${db.db('persons')}.outbox_event`),
    memberDistricts: await count(`SELECT COUNT(*) AS n FROM ${db.db('organizations')}.member_district`),
    personsAuditEvents: await count(`SELECT COUNT(*) AS n FROM ${db.db('persons')}.audit_event`),
    organizationsAuditEvents: await count(`SELECT COUNT(*) AS n FROM ${db.db('organizations')}.audit_event`),
    membershipEvents: await count(`SELECT COUNT(*) AS n FROM ${db.db('organizations')}.outbox_event`),
    membershipReplicaRows: await count(`SELECT COUNT(*) AS n FROM ${db.db('persons')}.organization_member`),
  };
}

export async function datasetSnapshot(db: FloorDb): Promise<DatasetCounts & SideCounts> {
  return { ...(await countRows(db)), ...(await sideCounts(db)) };
}

export function compareSnapshots(before: DatasetCounts & SideCounts, after: DatasetCounts & SideCounts): DatasetCheck {
  const keys = Object.keys(before) as Array<keyof typeof before>;
  return { before, after, unchanged: keys.every((k) => before[k] === after[k]) };
}

/** The database's clock (UTC, as the subgraphs store times), a second back: the start of a write operation's rows. */
export async function databaseNow(db: FloorDb): Promise<string> {
  return (await db.query<{ t: string }>("SELECT DATE_FORMAT(UTC_TIMESTAMP() - INTERVAL 1 SECOND, '%Y-%m-%d %H:%i:%s') AS t"))[0]!.t;
}

/**
 * Waits until the outboxes of persons and organizations have delivered everything (replicas are
 * written after the request; a fresh or migrated dataset's memberships are published when the
 * organizations subgraph starts).
 */
export async function waitDelivered(db: FloorDb, timeoutMs = 600_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const pendingIn = async (subgraph: 'persons' | 'organizations') =>
    Number((await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${db.db(subgraph)}.outbox_event WHERE delivered_at IS NULL`))[0]!.n);
  for (;;) {
    const pending = { persons: await pendingIn('persons'), organizations: await pendingIn('organizations') };
    if (pending.persons === 0 && pending.organizations === 0) return;
    if (Date.now() > deadline) throw new Error(`The outboxes still hold undelivered events after ${timeoutMs / 1000} s: ${JSON.stringify(pending)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/**
 * Deletes the persons registered with these ID numbers and what followed from them: their outbox
 * events, their rows in the organizations subgraph's replica, and the audit events of the writes
 * since `since` (the persons subgraph's, recorded for `subject`; the organizations subgraph's
 * deliveries). Call it when the outbox has delivered (waitDelivered) and nothing else writes.
 */
export async function removePersons(db: FloorDb, cipher: PersonalDataCipher, idNumbers: Iterable<string>, since: string, subject: string): Promise<Removed> {
  const persons = db.db('persons');
  const organizations = db.db('organizations');
  const hashes = [...new Set(idNumbers)].map((n) => cipher.hash(n));
  const ids: string[] = [];
  for (const chunk of chunks(hashes)) {
    // Only persons registered since the run began: a number a write was refused for (CONFLICT) may
    // belong to a person of the dataset, who stays.
    ids.push(...(await db.query<{ id: string }>(`SELECT id FROM ${persons}.person WHERE id_number_hash IN (${inList(chunk.length)}) AND created_at >= ?`, [...chunk, since])).map((r) => r.id));
  }
  const removed: Removed = { persons: 0, outboxEvents: 0, memberDistricts: 0, auditEvents: 0 };
  const idSet = new Set(ids);
  const events = (await db.query<{ id: string; payload: string }>(`SELECT id, payload FROM ${persons}.outbox_event WHERE created_at >= ?`, [since]))
    .filter((e) => idSet.has((JSON.parse(e.payload) as { personId?: string }).personId ?? ''))
    .map((e) => e.id);
  for (const chunk of chunks(events)) removed.outboxEvents += affected(await db.query(`DELETE FROM ${persons}.outbox_event WHERE id IN (${inList(chunk.length)})`, chunk));
  for (const chunk of chunks(ids)) {
    removed.memberDistricts += affected(await db.query(`DELETE FROM ${organizations}.member_district WHERE person_id IN (${inList(chunk.length)})`, chunk));
    removed.persons += affected(await db.query(`DELETE FROM ${persons}.person WHERE id IN (${inList(chunk.length)})`, chunk));
  }
  removed.auditEvents += affected(
    await db.query(`DELETE FROM ${persons}.audit_event WHERE occurred_at >= ? AND subject = ? AND action IN (${inList(WRITE_ACTIONS.length)})`, [since, subject, ...WRITE_ACTIONS]),
  );
  removed.auditEvents += affected(await db.query(`DELETE FROM ${organizations}.audit_event WHERE occurred_at >= ? AND action = 'applyPersonDistricts'`, [since]));
  return removed;
}
