/**
 * The import: not a load of many requests but a few imports of the whole file, one after the
 * other, each timed whole (after one small import to warm up). First a dry run of the whole file
 * in one request tells whether the deployment takes it; when it is refused (the gateway's body
 * limit), the file goes in the fewest requests the limit allows, one after the other, as a client
 * would have to send it. The floor writes the same rows, with the same stored values, with
 * multi-row INSERTs in one transaction into a scratch copy of the person table. Everything the
 * imports wrote is deleted afterwards (src/cleanup.ts).
 */
import type { PersonalDataCipher } from '@tongxin/common';
import { PERSON_COLUMNS } from '../operations';
import type { FloorDb, ImportOperation, ImportRow } from '../operations';
import { removePersons, Removed, waitDelivered } from './cleanup';
import { inTurn, memoryFigures, MemoryFigures, round, watchMemory } from './load';
import type { Service } from './processes';

/** The scratch copy of `person` the floor writes into (`CREATE TABLE … LIKE person`, dropped afterwards). */
export const FLOOR_TABLE = 'person_floor_scratch';

export interface ImportRun {
  /** From the first request sent to the last answer received. */
  seconds: number;
  /** Until the persons outbox had delivered the new persons' districts to the organizations subgraph (Tongxin only). */
  untilDeliveredSeconds?: number;
  requests: number;
  /** SQL statements all subgraphs sent for the import, the outbox's delivery included (Tongxin), or the floor's INSERTs. */
  statements?: number;
  bySubgraph?: Record<string, number>;
  memory: Record<string, MemoryFigures>;
}

export interface ImportSide {
  runs: ImportRun[];
  medianSeconds: number;
  maxSeconds: number;
  /** Rows per second of the median import. */
  rowsPerSecond: number;
  /** Largest RSS of each watched process over the runs, MB. */
  maxRssMb: Record<string, number>;
}

export interface ImportFigures {
  rows: number;
  imports: number;
  /** What the deployment answered to one request of the whole file (a dry run); null: it took it. */
  refusal: { status: number; bodyBytes: number; message: string } | null;
  /** Requests per import, as the rows had to be split (1 when the whole file went in one). */
  requestsPerImport: number;
  maxRowsPerRequest: number;
  tongxin: ImportSide & { medianStatements: number; statementsPer1000Rows: number };
  floor: ImportSide & { statementsPerImport: number };
  /** Null with `hiveSkipped` when the peer's import failed. */
  hive: ImportSide | null;
  hiveSkipped?: string;
  /** seconds of the median import, tongxin / floor. */
  secondsVsFloor: number;
  /** rows per second, tongxin / hive. */
  throughputVsHive: number | null;
  /** The same, import by import (Tongxin's and Hive's took turns, so each pair met the same machine). */
  throughputVsHiveByImport: number[];
  /** What the clean-up deleted. */
  removed: Removed;
}

export interface ImportContext {
  readonly gateway: Service;
  readonly subgraphs: readonly Service[];
  readonly hive: Service;
  readonly floor: Service;
  /** Processes watched besides the gateway and the subgraphs (the local MariaDB). */
  readonly alsoWatch: ReadonlyArray<{ name: string; pid: number }>;
  readonly headers: Record<string, string>;
  /** The audit subject of `headers` (the clean-up removes its write events). */
  readonly subject: string;
  readonly db: FloorDb;
  readonly cipher: PersonalDataCipher;
  /** Statements so far, per subgraph. */
  sqlBySubgraph(): Promise<Record<string, number>>;
  /** Resolves when no subgraph has sent a statement for a while. */
  quiet(): Promise<void>;
  /** The database clock, a second back (src/cleanup.ts). */
  now(): Promise<string>;
  say(line: string): void;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function postStatus(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{
  status: number;
  json: { data?: { importPersons?: { rowCount?: number; written?: boolean; registered?: number }; rows?: number; statements?: number }; errors?: Array<{ message?: string }> } | null;
  text: string;
}> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON: reported with the status
  }
  return { status: res.status, json, text };
}

/** The rows in consecutive requests whose bodies stay within `limit` bytes (greedy, in order). */
export function splitRows(rows: readonly ImportRow[], bodyOf: (rows: readonly ImportRow[]) => string, limit: number): ImportRow[][] {
  const base = Buffer.byteLength(bodyOf([]));
  const batches: ImportRow[][] = [];
  let batch: ImportRow[] = [];
  let size = base;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (batch.length > 0 && size + bytes > limit) {
      batches.push(batch);
      batch = [];
      size = base;
    }
    batch.push(row);
    size += bytes;
  }
  if (batch.length) batches.push(batch);
  return batches;
}

function side(runs: ImportRun[], rows: number): ImportSide {
  const seconds = runs.map((r) => r.seconds);
  const maxRssMb: Record<string, number> = {};
  for (const r of runs) for (const [name, m] of Object.entries(r.memory)) maxRssMb[name] = Math.max(maxRssMb[name] ?? 0, m.maxMb);
  const med = median(seconds);
  return { runs, medianSeconds: round(med, 3), maxSeconds: round(Math.max(...seconds), 3), rowsPerSecond: med > 0 ? Math.round(rows / med) : 0, maxRssMb };
}

/**
 * Columns the floor's rows must hold as Tongxin stored them: every column the floor writes but the
 * id, the ciphertexts (their IVs differ by nature: compared decrypted below) and the ID number's
 * hash (the join itself).
 */
const COMPARED = PERSON_COLUMNS.filter((c) => c !== 'id' && c !== 'id_number_hash' && !c.endsWith('_enc'));

/** The floor's rows against Tongxin's, joined on the ID number's hash: null when every row is stored the same. */
async function compareStored(ctx: ImportContext, rows: number): Promise<string | null> {
  const persons = ctx.db.db('persons');
  const [counts] = await ctx.db.query<Record<string, number | string | null>>(
    `SELECT COUNT(*) AS joined, ${COMPARED.map((c) => `SUM(NOT (p.${c} <=> s.${c})) AS ${c}`).join(', ')}
       FROM ${persons}.${FLOOR_TABLE} s JOIN ${persons}.person p ON p.id_number_hash = s.id_number_hash`,
  );
  if (Number(counts!.joined) !== rows) return `${rows} rows written by the floor, ${Number(counts!.joined)} of them found in person by their ID number`;
  const differing = COMPARED.filter((c) => Number(counts![c] ?? 0) > 0);
  if (differing.length) return `columns that differ: ${differing.map((c) => `${c} (${Number(counts![c])} rows)`).join(', ')}`;
  // The encrypted columns differ by their IVs: both must decrypt to the same numbers.
  const sealed = await ctx.db.query<{ p_id: string; s_id: string; p_mobile: string | null; s_mobile: string | null; p_birth: string; s_birth: string }>(
    `SELECT p.id_number_enc AS p_id, s.id_number_enc AS s_id, p.mobile_enc AS p_mobile, s.mobile_enc AS s_mobile, p.birth_date_enc AS p_birth, s.birth_date_enc AS s_birth
       FROM ${persons}.${FLOOR_TABLE} s JOIN ${persons}.person p ON p.id_number_hash = s.id_number_hash ORDER BY s.id LIMIT 20`,
  );
  for (const r of sealed) {
    if (ctx.cipher.decrypt(r.p_id, 'person.id_number') !== ctx.cipher.decrypt(r.s_id, 'person.id_number')) return 'id_number_enc decrypts to another number';
    const mobile = (v: string | null) => (v === null ? null : ctx.cipher.decrypt(v, 'person.mobile'));
    if (mobile(r.p_mobile) !== mobile(r.s_mobile)) return 'mobile_enc decrypts to another number';
    if (ctx.cipher.decrypt(r.p_birth, 'person.birth_date') !== ctx.cipher.decrypt(r.s_birth, 'person.birth_date')) return 'birth_date_enc decrypts to another date';
  }
  return null;
}

export async function measureImport(op: ImportOperation, ctx: ImportContext, opts: { rows: number; imports: number }): Promise<{ figures: ImportFigures; floorDifference: string | null }> {
  const run = Math.floor(Math.random() * 1000);
  let next = 0;
  const take = (count: number) => {
    const rows = op.makeRows(run, next, count);
    next += count;
    return rows;
  };
  // Warm-ups of a whole file each (Tongxin's, Hive's, the floor's): the first import of a whole
  // file grows the persons subgraph's heap, and took 4.3 s where the next took 3.3 after a
  // warm-up of 100 rows, a cost that fell on whichever gateway went first.
  const warmRows = take(opts.rows);
  const sets = Array.from({ length: opts.imports }, () => take(opts.rows));
  const hiveWarmRows = take(opts.rows);
  const hiveSets = Array.from({ length: opts.imports }, () => take(opts.rows));
  const written = [warmRows, ...sets, hiveWarmRows, ...hiveSets];
  const bodyOf = (rows: readonly ImportRow[], dryRun = false) => JSON.stringify({ query: op.query, variables: { rows, dryRun } });
  const since = await ctx.now();
  const persons = ctx.db.db('persons');
  const measure = async (): Promise<{ figures: ImportFigures; floorDifference: string | null }> => {
    // A dry run of these rows in one request (nothing is written): null when the deployment takes it, else its refusal.
    const takes = async (rows: readonly ImportRow[]) => {
      const body = bodyOf(rows, true);
      const probe = await postStatus(ctx.gateway.url, body, ctx.headers);
      const taken = probe.status === 200 && probe.json && !probe.json.errors?.length && probe.json.data?.importPersons?.rowCount === rows.length;
      return taken ? null : { status: probe.status, bodyBytes: Buffer.byteLength(body), message: (probe.json?.errors?.[0]?.message ?? probe.text).slice(0, 300) };
    };
    // The whole file in one request?
    const refusal = await takes(sets[0]!);
    let batchesOf = (rows: readonly ImportRow[]): ImportRow[][] => [[...rows]];
    if (refusal) {
      const limit = Number(/(\d+) bytes/.exec(refusal.message)?.[1] ?? NaN);
      if (Number.isFinite(limit)) {
        ctx.say(`${op.name}: one request of ${opts.rows} rows (${refusal.bodyBytes} bytes) refused (${refusal.status}: ${refusal.message}); importing in requests of at most ${limit} bytes`);
        batchesOf = (rows) => splitRows(rows, (r) => bodyOf(r), limit);
      } else {
        // No limit named (a subgraph's refusal reaches the client as an internal error): halve the
        // rows per request until a dry run of that many is taken.
        let size = opts.rows;
        do {
          if (size === 1) throw new Error(`${op.name}: not even one row is taken in a request: ${refusal.status} ${refusal.message}`);
          size = Math.ceil(size / 2);
        } while (await takes(sets[0]!.slice(0, size)));
        ctx.say(`${op.name}: one request of ${opts.rows} rows (${refusal.bodyBytes} bytes) refused (${refusal.status}: ${refusal.message}); importing in requests of ${size} rows`);
        batchesOf = (rows) => Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));
      }
    }

    const importThrough = async (url: string, rows: readonly ImportRow[]): Promise<number> => {
      const batches = batchesOf(rows);
      for (const [i, batch] of batches.entries()) {
        const answer = await postStatus(url, bodyOf(batch), ctx.headers);
        const report = answer.json?.data?.importPersons as { written?: boolean; registered?: number } | undefined;
        if (answer.status !== 200 || answer.json?.errors?.length || !report?.written || report.registered !== batch.length) {
          throw new Error(`${op.name}: request ${i + 1} of ${batches.length} (${batch.length} rows) to ${url} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
        }
      }
      return batches.length;
    };

    // Tongxin and Hive each import a whole file to warm up, then they take turns: Tongxin's first
    // import, Hive's, Hive's second, Tongxin's, … (the persons subgraph, which does most of the
    // work for both, grows warmer import by import: measured one gateway after the other, the
    // later one met it warmer). Hive imports as many files as Tongxin, so that medians of equal
    // samples are compared (one import of each differed by up to 15% from run to run).
    await importThrough(ctx.gateway.url, warmRows);
    await waitDelivered(ctx.db);
    await ctx.quiet();
    let hiveSkipped: string | undefined;
    const hiveFailed = (error: unknown) => {
      hiveSkipped = error instanceof Error ? error.message.split('\n')[0] : String(error);
      ctx.say(`${op.name}: the import through Hive failed: ${hiveSkipped}`);
    };
    try {
      await importThrough(ctx.hive.url, hiveWarmRows);
      await waitDelivered(ctx.db);
      await ctx.quiet();
    } catch (error) {
      hiveFailed(error);
    }
    const tongxinRuns: ImportRun[] = [];
    const hiveRuns: ImportRun[] = [];
    const tongxinImport = async (rows: readonly ImportRow[]) => {
      const before = await ctx.sqlBySubgraph();
      const memory = watchMemory([ctx.gateway, ...ctx.subgraphs, ...ctx.alsoWatch]);
      const started = process.hrtime.bigint();
      const requests = await importThrough(ctx.gateway.url, rows);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      await waitDelivered(ctx.db);
      const untilDeliveredSeconds = Number(process.hrtime.bigint() - started) / 1e9;
      await ctx.quiet();
      const figures = memoryFigures(memory.stop());
      const after = await ctx.sqlBySubgraph();
      const bySubgraph = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
      tongxinRuns.push({
        seconds: round(seconds, 3),
        untilDeliveredSeconds: round(untilDeliveredSeconds, 3),
        requests,
        statements: Object.values(bySubgraph).reduce((a, b) => a + b, 0),
        bySubgraph,
        memory: figures,
      });
    };
    const hiveImport = async (rows: readonly ImportRow[]) => {
      if (hiveSkipped !== undefined) return;
      try {
        const memory = watchMemory([ctx.hive, ...ctx.subgraphs, ...ctx.alsoWatch]);
        const started = process.hrtime.bigint();
        const requests = await importThrough(ctx.hive.url, rows);
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        hiveRuns.push({ seconds: round(seconds, 3), requests, memory: memoryFigures(memory.stop()) });
        await waitDelivered(ctx.db);
        await ctx.quiet();
      } catch (error) {
        hiveFailed(error);
      }
    };
    // Pair by pair, the one that went first goes second the next time (inTurn).
    for (const [i, rows] of sets.entries()) {
      for (const turn of inTurn([() => tongxinImport(rows), () => hiveImport(hiveSets[i]!)], i)) await turn();
    }
    const hive: ImportSide | null = hiveSkipped === undefined ? side(hiveRuns, opts.rows) : null;

    // The floor: the same rows into the scratch copy of person, each import in one transaction.
    await ctx.db.query(`DROP TABLE IF EXISTS ${persons}.${FLOOR_TABLE}`);
    await ctx.db.query(`CREATE TABLE ${persons}.${FLOOR_TABLE} LIKE ${persons}.person`);
    const floorImport = async (rows: readonly ImportRow[]) => {
      const answer = await postStatus(`${ctx.floor.url}/${op.name}`, JSON.stringify({ table: FLOOR_TABLE, rows }), {});
      const data = answer.json?.data as { rows?: number; statements?: number } | undefined;
      if (answer.status !== 200 || data?.rows !== rows.length) throw new Error(`${op.name}: the floor answered ${answer.status}: ${answer.text.slice(0, 500)}`);
      return data.statements ?? 0;
    };
    await floorImport(warmRows);
    const floorRuns: ImportRun[] = [];
    for (const rows of sets) {
      await ctx.db.query(`TRUNCATE TABLE ${persons}.${FLOOR_TABLE}`);
      const memory = watchMemory([ctx.floor, ...ctx.alsoWatch]);
      const started = process.hrtime.bigint();
      const statements = await floorImport(rows);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      floorRuns.push({ seconds: round(seconds, 3), requests: 1, statements, memory: memoryFigures(memory.stop()) });
    }
    // The scratch table holds the last import's rows as the floor stored them; person holds Tongxin's.
    const floorDifference = await compareStored(ctx, opts.rows);

    const tongxinSide = side(tongxinRuns, opts.rows);
    const floorSide = side(floorRuns, opts.rows);
    const medianStatements = median(tongxinRuns.map((r) => r.statements!));
    return {
      floorDifference,
      figures: {
        rows: opts.rows,
        imports: opts.imports,
        refusal,
        requestsPerImport: tongxinRuns[0]!.requests,
        maxRowsPerRequest: Math.max(...batchesOf(sets[0]!).map((b) => b.length)),
        tongxin: { ...tongxinSide, medianStatements, statementsPer1000Rows: round((medianStatements / opts.rows) * 1000, 1) },
        floor: { ...floorSide, statementsPerImport: floorRuns[0]!.statements! },
        hive,
        ...(hiveSkipped ? { hiveSkipped } : {}),
        secondsVsFloor: round(tongxinSide.medianSeconds / floorSide.medianSeconds),
        throughputVsHive: hive && hive.rowsPerSecond > 0 ? round(tongxinSide.rowsPerSecond / hive.rowsPerSecond) : null,
        throughputVsHiveByImport: tongxinRuns.flatMap((mine, i) => (hive?.runs[i] ? [round(hive.runs[i]!.seconds / mine.seconds)] : [])),
        removed: { persons: 0, outboxEvents: 0, memberDistricts: 0, auditEvents: 0 },
      },
    };
  };
  let result: Awaited<ReturnType<typeof measure>> | undefined;
  try {
    result = await measure();
  } finally {
    // Leave the dataset as it was: the scratch table and everything the imports wrote.
    await ctx.db.query(`DROP TABLE IF EXISTS ${persons}.${FLOOR_TABLE}`);
    await waitDelivered(ctx.db);
    await ctx.quiet();
    const removed = await removePersons(
      ctx.db,
      ctx.cipher,
      written.flat().map((r) => op.idNumberOf(r)),
      since,
      ctx.subject,
    );
    ctx.say(`${op.name}: removed ${removed.persons} persons, ${removed.outboxEvents} outbox events, ${removed.memberDistricts} replica rows, ${removed.auditEvents} audit events`);
    // Reached only when measure() resolved: a failure is rethrown after the clean-up.
    if (result) result.figures.removed = removed;
  }
  return result;
}
