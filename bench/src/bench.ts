/**
 * One benchmark run: the dataset, the platform as in production, the floor and the peer gateway,
 * then each operation against the three (with the EXPLAIN of the statements of one request of
 * each read), the targets of issue 6 judged from the figures, and the dataset left as it was
 * found (what the writes added is deleted, and the counts are checked).
 */
import * as os from 'node:os';
import { hs256Config, mintToken, PersonalDataCipher, Role, serviceNodeFlags } from '@tongxin/common';
import { gatewayNodeFlags } from '@tongxin/gateway';
import { SUBGRAPHS } from '@tongxin/platform';
import { Caller, FloorDb, ImportOperation, OPERATIONS, Operation, ReadOperation, Sample, WriteOperation } from '../operations';
import { compareSnapshots, databaseNow, DatasetCheck, datasetSnapshot, removePersons, Removed, waitDelivered } from './cleanup';
import { firstDifference, rowsOf } from './compare';
import { BENCH_DATA_KEY, Dataset, DatasetCounts, floorDb, prepareDataset } from './dataset';
import { ExplainRecord, Explainer } from './explain';
import { ImportFigures, measureImport } from './import';
import { databaseProcess, inTurn, LoadFigures, loadAmount, LoadSample, round, runLoad, sampleLoad, summarize, warmUp } from './load';
import { MysqlPool } from './mysql';
import { BenchOptions } from './options';
import { benchSecret, Platform, runLogDir, Service, startFloor, startHive, startPlatform, stopAll } from './processes';
import { judgeTargets, Target } from './targets';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  platform: string;
  /** The machine's 1-minute load average when the measuring began and when it ended (other work on it skews the figures). */
  loadAverage?: { start: number; end: number };
}

export interface StatementCount {
  rows: number;
  statements: number;
  bySubgraph: Record<string, number>;
}

export interface OperationResult {
  name: string;
  kind: Operation['kind'];
  description: string;
  caller?: Caller;
  /** Reads: whether the floor's answer has the same rows and values as Tongxin's, on the sample; the import: whether the floor stored the same rows. */
  floorMatches?: boolean;
  floorDifference?: string | null;
  /** Whether Hive's answer equals Tongxin's (null for writes). */
  hiveMatches?: boolean | null;
  /** SQL statements the subgraphs sent for one request, alone (exact). */
  sqlPerRequest?: number;
  /** The same, averaged over the load. */
  sqlPerRequestUnderLoad?: number;
  /** Statements at two page sizes (reads with `sizes`): the same count when no list is N+1. */
  sqlAtSizes?: { small: StatementCount; large: StatementCount };
  tongxin?: LoadFigures;
  floor?: LoadFigures | null;
  hive?: LoadFigures;
  /** tongxin / floor of p50 and of throughput; tongxin / hive of throughput. */
  ratios?: { p50VsFloor: number | null; throughputVsFloor: number | null; throughputVsHive: number };
  /** The same ratios round by round (`--rounds`): how far one round's figure is from another's. */
  roundRatios?: { p50VsFloor: Array<number | null>; throughputVsHive: number[] };
  /**
   * Reads whose targets were loaded by an amount of requests instead of by time (loadAmount: a
   * request alone took too long for MIN_REQUESTS_PER_CONNECTION requests per connection in a
   * round), shared by the rounds, per target (null: by time).
   */
  loadAmount?: { tongxin: number | null; floor: number | null; hive: number | null };
  /** Reads: the SELECTs the subgraphs sent for one request, with MariaDB's EXPLAIN of each (null with `explainError` when it could not be captured). */
  explain?: ExplainRecord | null;
  explainError?: string;
  /** The import's figures (a few whole imports, not a load). */
  import?: ImportFigures;
  /** Writes: what the clean-up deleted after measuring. */
  removed?: Removed;
}

export interface BenchResults {
  startedAt: string;
  seconds: number;
  machine: Machine;
  settings: {
    persons: number;
    duration: number;
    connections: number;
    rounds: number;
    warmup: number;
    importRows: number;
    imports: number;
    reused: boolean;
    generatedSeconds: number;
    only: readonly string[] | null;
    hive: string;
    /** The Node flags the services ran with (the floor has the subgraphs'): `--single-threaded` only with TONGXIN_SINGLE_THREADED=true. */
    nodeFlags: { subgraphs: readonly string[]; gateway: readonly string[] };
  };
  dataset: DatasetCounts & { databasePrefix: string };
  sample: Sample;
  operations: OperationResult[];
  scaleCheck: { persons: number; dataset: DatasetCounts; personListP50Ms: number; personListP50MsAtMain: number; explain: ExplainRecord | null; explainError?: string } | null;
  /** The dashboard's statistics at another size (`--dashboard-scale`): p50 there and at the run's size. */
  dashboardScale?: { persons: number; dataset: DatasetCounts; p50Ms: number; p50MsAtMain: number; explain: ExplainRecord | null; explainError?: string } | null;
  /** The dataset's counts (and those of the tables the writes touch besides) before the operations and after them and the clean-up. */
  datasetCheck: DatasetCheck | null;
  targets: Target[];
}

export function machine(): Machine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

const hiveSettings = () =>
  '@graphql-hive/gateway-runtime 2.12.1 (the runtime of @graphql-hive/gateway 2.15.x), one process, no --jit, no inbound deduplication, ' +
  (process.env.HIVE_DEDUPLICATE === 'true' ? 'identical in-flight subgraph requests deduplicated (HIVE_DEDUPLICATE=true)' : 'no deduplication of in-flight subgraph requests');
const ratio = (a: number, b: number) => (b > 0 ? round(a / b) : null);

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ data?: unknown; errors?: unknown[] }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await res.text();
  try {
    return JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  } catch {
    throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
  }
}

async function sqlBySubgraph(subgraphs: readonly Service[]): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(subgraphs.map(async (s) => [s.name, ((await (await fetch(s.metricsUrl!)).json()) as { sqlStatements: number }).sqlStatements] as const)));
}

async function sqlStatements(subgraphs: readonly Service[]): Promise<number> {
  return Object.values(await sqlBySubgraph(subgraphs)).reduce((a, b) => a + b, 0);
}

/** SQL statements of `work`, in all and per subgraph (nothing else may run meanwhile). */
async function counting<T>(subgraphs: readonly Service[], work: () => Promise<T>): Promise<{ result: T; statements: number; bySubgraph: Record<string, number> }> {
  const before = await sqlBySubgraph(subgraphs);
  const result = await work();
  const after = await sqlBySubgraph(subgraphs);
  const bySubgraph = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - (before[k] ?? 0)]));
  return { result, statements: Object.values(bySubgraph).reduce((a, b) => a + b, 0), bySubgraph };
}

/**
 * The fewest statements of `times` runs of `work`: a subgraph's background work (the persons
 * outbox, for one) also sends statements, and the counter cannot tell them from a request's.
 */
async function countingFewest<T>(subgraphs: readonly Service[], work: () => Promise<T>, times = 3): Promise<{ result: T; statements: number; bySubgraph: Record<string, number> }> {
  let best: Awaited<ReturnType<typeof counting<T>>> | undefined;
  for (let i = 0; i < times; i++) {
    const c = await counting(subgraphs, work);
    if (!best || c.statements < best.statements) best = c;
  }
  return best!;
}

/**
 * Waits until no subgraph has sent a statement for `quietMs` (at most `timeoutMs`): a subgraph
 * may start with background work (an outbox publishing a migrated table) that would load the
 * machine and the statement counts of the first operations.
 */
export async function waitQuiet(subgraphs: readonly Service[], say: (line: string) => void, quietMs = 2000, timeoutMs = 180_000): Promise<void> {
  const started = Date.now();
  let last = await sqlStatements(subgraphs);
  let since = Date.now();
  while (Date.now() - started < timeoutMs) {
    await new Promise((r) => setTimeout(r, 250));
    const now = await sqlStatements(subgraphs);
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      if (Date.now() - started > quietMs + 1000) say(`the subgraphs were busy on their own for ${Math.round((Date.now() - started) / 1000)} s before the measuring`);
      return;
    }
  }
  say(`the subgraphs still send statements on their own after ${timeoutMs / 1000} s: measuring anyway`);
}

interface Targets {
  readonly platform: Platform;
  readonly floor: Service;
  readonly hive: Service;
  readonly headers: Record<Caller, Record<string, string>>;
  /** SQL against the dataset (clean-up, the import's scratch table). */
  readonly db: FloorDb;
  readonly prefix: string;
  readonly explainer: Explainer;
  readonly cipher: PersonalDataCipher;
  readonly say: (line: string) => void;
}

/** The audit subject of the city administrator's token (the clean-up deletes the write events it recorded). */
const CITY_SUBJECT = 'bench-city-admin';
const SUBGRAPH_NAMES = SUBGRAPHS.map((s) => s.subgraph);

/** The EXPLAIN of the statements of one request; failures are recorded, not fatal. */
async function explainOne(explainer: Explainer, prefix: string, work: () => Promise<unknown>): Promise<{ explain: ExplainRecord | null; explainError?: string }> {
  try {
    return { explain: await explainer.request(prefix, SUBGRAPH_NAMES, work) };
  } catch (error) {
    return { explain: null, explainError: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  }
}

/** MariaDB's server process, watched with the services when it runs on this machine (its CPU per request). */
const database = [databaseProcess()].filter((p): p is { name: string; pid: number } => p !== null);

const gql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables });

/**
 * One round of a target's load: its share of the duration, or of its amount (loadAmount), at least
 * one request per connection.
 */
export function roundOf(o: Pick<BenchOptions, 'duration' | 'rounds' | 'connections'>, amount: number | null): { duration: number; amount?: number } {
  return { duration: o.duration / o.rounds, ...(amount ? { amount: Math.max(o.connections, Math.ceil(amount / o.rounds)) } : {}) };
}

async function measureRead(op: ReadOperation, sample: Sample, t: Targets, o: BenchOptions): Promise<OperationResult> {
  const { platform } = t;
  const headers = t.headers[op.caller];
  const variables = op.variables(sample);
  const body = gql(op.query, variables);
  const floorUrl = `${t.floor.url}/${op.name}`;
  const floorBody = JSON.stringify(variables);
  const answer = await post(platform.gateway.url, body, headers);
  if (answer.errors) throw new Error(`${op.name}: Tongxin answered with errors: ${JSON.stringify(answer.errors).slice(0, 500)}`);
  const floorAnswer = await post(floorUrl, floorBody, {});
  const hiveAnswer = await post(t.hive.url, body, headers);
  const floorDifference = firstDifference(answer.data, floorAnswer.data);
  const hiveDifference = firstDifference(answer.data, hiveAnswer.data);
  // Each target's rounds go by time, or by an amount when a request alone is too slow for a round
  // to answer MIN_REQUESTS_PER_CONNECTION per connection (loadAmount); then the amount is shared
  // by the rounds. Timed on a second request: the first one compiles and plans.
  const amountFor = async (url: string, requestBody: string, h: Record<string, string>) => {
    const started = performance.now();
    await post(url, requestBody, h);
    return loadAmount(performance.now() - started, { duration: o.duration / o.rounds, connections: o.connections });
  };
  const amounts = {
    tongxin: await amountFor(platform.gateway.url, body, headers),
    floor: await amountFor(floorUrl, floorBody, {}),
    hive: await amountFor(t.hive.url, body, headers),
  };

  const single = await countingFewest(platform.subgraphs, () => post(platform.gateway.url, body, headers));
  // The statements of one request, as the subgraphs send them, and MariaDB's plan of each.
  const explained = await explainOne(t.explainer, t.prefix, () => post(platform.gateway.url, body, headers));
  let sqlAtSizes: OperationResult['sqlAtSizes'];
  if (op.sizes) {
    // One after the other, so that the counts do not mix.
    const s = await countingFewest(platform.subgraphs, () => post(platform.gateway.url, gql(op.query, op.variables(sample, op.sizes![0])), headers));
    const l = await countingFewest(platform.subgraphs, () => post(platform.gateway.url, gql(op.query, op.variables(sample, op.sizes![1])), headers));
    sqlAtSizes = {
      small: { rows: rowsOf(s.result.data), statements: s.statements, bySubgraph: s.bySubgraph },
      large: { rows: rowsOf(l.result.data), statements: l.statements, bySubgraph: l.bySubgraph },
    };
  }

  const warm = (url: string, requestBody: string, h: Record<string, string>) => warmUp({ url, headers: h, body: () => requestBody, seconds: o.warmup, connections: o.connections });
  const loadRound = (url: string, requestBody: string, h: Record<string, string>, watch: ReadonlyArray<{ name: string; pid: number }>, amount: number | null) =>
    sampleLoad({ url, headers: h, body: () => requestBody, ...roundOf(o, amount), connections: o.connections, watch });

  await warm(platform.gateway.url, body, headers);
  await warm(floorUrl, floorBody, {});
  await warm(t.hive.url, body, headers);
  const samples = { tongxin: [] as LoadSample[], floor: [] as LoadSample[], hive: [] as LoadSample[] };
  let underLoad = 0;
  const turns = [
    async () => {
      const before = await sqlStatements(platform.subgraphs);
      samples.tongxin.push(await loadRound(platform.gateway.url, body, headers, [platform.gateway, ...platform.subgraphs, ...database], amounts.tongxin));
      underLoad += (await sqlStatements(platform.subgraphs)) - before;
    },
    async () => void samples.floor.push(await loadRound(floorUrl, floorBody, {}, [t.floor, ...database], amounts.floor)),
    async () => void samples.hive.push(await loadRound(t.hive.url, body, headers, [t.hive, ...platform.subgraphs, ...database], amounts.hive)),
  ];
  for (let r = 0; r < o.rounds; r++) for (const turn of inTurn(turns, r)) await turn();
  const tongxin = summarize(samples.tongxin);
  const floor = summarize(samples.floor);
  const hive = summarize(samples.hive);
  const perRound = samples.tongxin.map((mine, r) => ({ tongxin: summarize([mine]), floor: summarize([samples.floor[r]!]), hive: summarize([samples.hive[r]!]) }));
  return {
    name: op.name,
    kind: op.kind,
    description: op.description,
    caller: op.caller,
    floorMatches: floorDifference === null,
    floorDifference,
    hiveMatches: hiveDifference === null,
    ...(amounts.tongxin || amounts.floor || amounts.hive ? { loadAmount: amounts } : {}),
    sqlPerRequest: single.statements,
    sqlPerRequestUnderLoad: tongxin.requests ? round(underLoad / tongxin.requests) : 0,
    ...(sqlAtSizes ? { sqlAtSizes } : {}),
    ...explained,
    tongxin,
    floor,
    hive,
    ratios: {
      p50VsFloor: ratio(tongxin.p50Ms, floor.p50Ms),
      throughputVsFloor: ratio(tongxin.requestsPerSecond, floor.requestsPerSecond),
      throughputVsHive: ratio(tongxin.requestsPerSecond, hive.requestsPerSecond) ?? 0,
    },
    roundRatios: {
      p50VsFloor: perRound.map((f) => ratio(f.tongxin.p50Ms, f.floor.p50Ms)),
      throughputVsHive: perRound.map((f) => ratio(f.tongxin.requestsPerSecond, f.hive.requestsPerSecond) ?? 0),
    },
  };
}

async function measureWrite(op: WriteOperation, sample: Sample, t: Targets, o: BenchOptions): Promise<OperationResult> {
  const { platform } = t;
  // A number of this run (and one for the peer's run) that keeps unique values apart from other runs'.
  const run = Math.floor(Math.random() * 1000);
  const hiveRun = (run + 500) % 1000;
  // Every ID number sent: the persons registered are deleted after measuring.
  const sent = new Set<string>();
  const variables = (n: number, r: number) => {
    const v = op.variables(sample, n, r);
    for (const idNumber of op.registers(v)) sent.add(idNumber);
    return v;
  };
  const since = await databaseNow(t.db);
  let result: OperationResult | undefined;
  try {
    result = await measureWriteLoads(op, variables, run, hiveRun, t, o);
  } finally {
    // Also after a failure: what was registered is deleted.
    await waitDelivered(t.db);
    await waitQuiet(platform.subgraphs, () => undefined, 1000);
    const removed = await removePersons(t.db, t.cipher, sent, since, CITY_SUBJECT);
    t.say(`${op.name}: removed ${removed.persons} persons, ${removed.outboxEvents} outbox events, ${removed.memberDistricts} replica rows, ${removed.auditEvents} audit events`);
    if (result) result.removed = removed;
  }
  return result;
}

async function measureWriteLoads(
  op: WriteOperation,
  variables: (n: number, run: number) => Record<string, unknown>,
  run: number,
  hiveRun: number,
  t: Targets,
  o: BenchOptions,
): Promise<OperationResult> {
  const { platform } = t;
  const headers = t.headers[op.caller];
  let n = 1_000_000 - 1;
  const first = await counting(platform.subgraphs, () => post(platform.gateway.url, gql(op.query, variables(n--, run)), headers));
  if (first.result.errors) throw new Error(`${op.name}: Tongxin answered with errors: ${JSON.stringify(first.result.errors).slice(0, 500)}`);
  // Warm-ups register persons too (numbers above the measured loads', deleted with them).
  await warmUp({ url: platform.gateway.url, headers, body: () => gql(op.query, variables(n--, run)), seconds: o.warmup, connections: o.connections });
  let hiveN = 1_000_000 - 1;
  await warmUp({ url: t.hive.url, headers, body: () => gql(op.query, variables(hiveN--, hiveRun)), seconds: o.warmup, connections: o.connections });
  // The measured requests are numbered from 0 on, each round going on from the last.
  const samples = { tongxin: [] as LoadSample[], hive: [] as LoadSample[] };
  const sent = { tongxin: 0, hive: 0 };
  let underLoad = 0;
  const writeRound = async (side: 'tongxin' | 'hive', url: string, runNumber: number, watch: ReadonlyArray<{ name: string; pid: number }>) => {
    const from = sent[side];
    const sample = await sampleLoad({ url, headers, body: (i) => gql(op.query, variables(from + i, runNumber)), ...roundOf(o, null), connections: o.connections, watch });
    sent[side] += sample.sent;
    samples[side].push(sample);
  };
  const mineTurn = async () => {
    const before = await sqlStatements(platform.subgraphs);
    await writeRound('tongxin', platform.gateway.url, run, [platform.gateway, ...platform.subgraphs, ...database]);
    underLoad += (await sqlStatements(platform.subgraphs)) - before;
  };
  const hiveTurn = () => writeRound('hive', t.hive.url, hiveRun, [t.hive, ...platform.subgraphs, ...database]);
  for (let r = 0; r < o.rounds; r++) for (const turn of inTurn([mineTurn, hiveTurn], r)) await turn();
  const tongxin = summarize(samples.tongxin);
  const hive = summarize(samples.hive);
  return {
    name: op.name,
    kind: op.kind,
    description: op.description,
    caller: op.caller,
    hiveMatches: null,
    sqlPerRequest: first.statements,
    sqlPerRequestUnderLoad: tongxin.requests ? round(underLoad / tongxin.requests) : 0,
    tongxin,
    floor: null,
    hive,
    ratios: { p50VsFloor: null, throughputVsFloor: null, throughputVsHive: ratio(tongxin.requestsPerSecond, hive.requestsPerSecond) ?? 0 },
    roundRatios: {
      p50VsFloor: [],
      throughputVsHive: samples.tongxin.map((mine, r) => ratio(summarize([mine]).requestsPerSecond, summarize([samples.hive[r]!]).requestsPerSecond) ?? 0),
    },
  };
}

async function measureImportOperation(op: ImportOperation, t: Targets, o: BenchOptions): Promise<OperationResult> {
  const { platform } = t;
  const { figures, floorDifference } = await measureImport(
    op,
    {
      gateway: platform.gateway,
      subgraphs: platform.subgraphs,
      hive: t.hive,
      floor: t.floor,
      alsoWatch: database,
      headers: t.headers[op.caller],
      subject: CITY_SUBJECT,
      db: t.db,
      cipher: t.cipher,
      sqlBySubgraph: () => sqlBySubgraph(platform.subgraphs),
      quiet: () => waitQuiet(platform.subgraphs, () => undefined, 1000),
      now: () => databaseNow(t.db),
      say: t.say,
    },
    { rows: o.importRows ?? op.rows, imports: o.imports },
  );
  return {
    name: op.name,
    kind: op.kind,
    description: op.description,
    caller: op.caller,
    floorMatches: floorDifference === null,
    floorDifference,
    hiveMatches: null,
    sqlPerRequest: figures.tongxin.medianStatements,
    import: figures,
    removed: figures.removed,
  };
}

async function callerHeaders(secret: string, sample: Sample): Promise<Record<Caller, Record<string, string>>> {
  const auth = hs256Config(secret);
  const city = await mintToken(auth, { sub: CITY_SUBJECT, role: Role.CITY_ADMIN }, '2h');
  const association = await mintToken(auth, { sub: 'bench-association-admin', role: Role.ASSOCIATION_ADMIN, org: sample.associationId }, '2h');
  return { city: { authorization: `Bearer ${city}` }, association: { authorization: `Bearer ${association}` } };
}

/** A read operation's p50 on another dataset size (the scale targets), Tongxin only, and the EXPLAIN of its statements there. */
async function p50At(dataset: Dataset, name: string, o: BenchOptions, explainer: Explainer): Promise<{ p50Ms: number; explain: ExplainRecord | null; explainError?: string }> {
  const op = OPERATIONS.find((x): x is ReadOperation => x.name === name && x.kind === 'read')!;
  const secret = benchSecret();
  const platform = await startPlatform(dataset.config, secret);
  try {
    const headers = (await callerHeaders(secret, dataset.sample))[op.caller];
    const body = gql(op.query, op.variables(dataset.sample, op.sizes?.[op.sizes.length - 1]));
    await waitQuiet(platform.subgraphs, () => undefined);
    const explained = await explainOne(explainer, dataset.config.databasePrefix, () => post(platform.gateway.url, body, headers));
    await warmUp({ url: platform.gateway.url, headers, body: () => body, seconds: o.warmup, connections: o.connections });
    return { p50Ms: (await runLoad({ url: platform.gateway.url, headers, body: () => body, duration: o.duration, connections: o.connections })).p50Ms, ...explained };
  } finally {
    await platform.stop();
  }
}

export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const say = o.say ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  const dataset = await prepareDataset(o.mysql, o.persons, o.reuse, say);
  say(`dataset: ${JSON.stringify(dataset.counts)}`);
  const selected = OPERATIONS.filter((op) => !o.only || o.only.includes(op.name));
  const operations: OperationResult[] = [];
  const secret = benchSecret();
  const loadAtStart = os.loadavg()[0]!;
  const pool = new MysqlPool({ ...o.mysql, connections: 2 });
  const explainer = new Explainer(o.mysql);
  const db = floorDb(pool, dataset.config.databasePrefix);
  let datasetCheck: DatasetCheck | null = null;
  try {
    say(`starting the subgraphs and the gateway (production), the floor and the peer gateway; logs in ${runLogDir()}`);
    const platform = await startPlatform(dataset.config, secret);
    const floor = await startFloor(dataset.config);
    const hive = await startHive(Object.fromEntries(platform.subgraphs.map((s) => [s.name, s.url])));
    const t: Targets = {
      platform,
      floor: floor.service,
      hive: hive.service,
      headers: await callerHeaders(secret, dataset.sample),
      db,
      prefix: dataset.config.databasePrefix,
      explainer,
      cipher: new PersonalDataCipher(Buffer.from(BENCH_DATA_KEY, 'base64')),
      say,
    };
    await waitQuiet(platform.subgraphs, say);
    // What the dataset holds once the outbox has delivered what it had pending (a fresh dataset's districts).
    await waitDelivered(db);
    const before = await datasetSnapshot(db);
    try {
      for (const op of selected) {
        say(`${op.name}: measuring`);
        if (op.kind === 'read') operations.push(await measureRead(op, dataset.sample, t, o));
        else if (op.kind === 'write') operations.push(await measureWrite(op, dataset.sample, t, o));
        else operations.push(await measureImportOperation(op, t, o));
      }
    } finally {
      await Promise.all([hive.stop(), floor.stop(), platform.stop()]);
    }
    datasetCheck = compareSnapshots(before, await datasetSnapshot(db));
    if (!datasetCheck.unchanged) say(`the dataset's counts changed: before ${JSON.stringify(datasetCheck.before)}, after ${JSON.stringify(datasetCheck.after)}`);
    let scaleCheck: BenchResults['scaleCheck'] = null;
    const list = operations.find((r) => r.name === 'person-list');
    let scaleCheckError: string | undefined;
    if (o.scaleCheck && list?.tongxin) {
      try {
        const small = await prepareDataset(o.mysql, 10_000, o.reuse, say);
        say('person-list: measuring at 10,000 persons');
        const { p50Ms, ...explained } = await p50At(small, 'person-list', o, explainer);
        scaleCheck = { persons: 10_000, dataset: small.counts, personListP50Ms: p50Ms, personListP50MsAtMain: list.tongxin.p50Ms, ...explained };
      } catch (error) {
        // The figures measured so far are kept; the pagination target says why it has none.
        scaleCheckError = error instanceof Error ? error.message.split('\n')[0] : String(error);
        say(`scale check failed: ${scaleCheckError}`);
      }
    }
    let dashboardScale: BenchResults['dashboardScale'] = null;
    const dashboard = operations.find((r) => r.name === 'dashboard-statistics');
    let dashboardScaleError: string | undefined;
    if (o.dashboardScale && dashboard?.tongxin) {
      try {
        const other = await prepareDataset(o.mysql, o.dashboardScale, o.reuse, say);
        say(`dashboard-statistics: measuring at ${o.dashboardScale} persons`);
        const { p50Ms, ...explained } = await p50At(other, 'dashboard-statistics', o, explainer);
        dashboardScale = { persons: o.dashboardScale, dataset: other.counts, p50Ms, p50MsAtMain: dashboard.tongxin.p50Ms, ...explained };
      } catch (error) {
        dashboardScaleError = error instanceof Error ? error.message.split('\n')[0] : String(error);
        say(`dashboard scale check failed: ${dashboardScaleError}`);
      }
    }
    const results: BenchResults = {
      startedAt: new Date(started).toISOString(),
      seconds: Math.round((Date.now() - started) / 1000),
      machine: { ...machine(), loadAverage: { start: round(loadAtStart), end: round(os.loadavg()[0]!) } },
      settings: {
        persons: o.persons,
        duration: o.duration,
        connections: o.connections,
        rounds: o.rounds,
        warmup: o.warmup,
        importRows: o.importRows ?? OPERATIONS.find((op): op is ImportOperation => op.kind === 'import')?.rows ?? 0,
        imports: o.imports,
        reused: dataset.reused,
        generatedSeconds: Math.round(dataset.generatedSeconds),
        only: o.only,
        hive: hiveSettings(),
        nodeFlags: { subgraphs: serviceNodeFlags(), gateway: gatewayNodeFlags() },
      },
      dataset: { ...dataset.counts, databasePrefix: dataset.config.databasePrefix },
      sample: dataset.sample,
      operations,
      scaleCheck,
      dashboardScale,
      datasetCheck,
      targets: [],
    };
    results.targets = judgeTargets(results, scaleCheckError, dashboardScaleError);
    return results;
  } finally {
    await stopAll();
    await Promise.all([pool.end(), explainer.end()]);
  }
}
