/**
 * One load test: autocannon (pinned) against one URL for a few seconds, with latencies taken from
 * each response at sub-millisecond resolution (autocannon's own histogram keeps whole
 * milliseconds, too coarse for a floor that answers in one), GraphQL errors counted from the
 * bodies, and the resident memory and CPU time of the processes under load read from /proc.
 */
import * as fs from 'node:fs';
import autocannon from 'autocannon';

export interface MemoryFigures {
  /** Largest VmRSS seen during the load, MB. */
  readonly maxMb: number;
  readonly avgMb: number;
}

export interface LoadFigures {
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  /** Non-2xx answers, socket errors, timeouts and answers carrying GraphQL `errors`. */
  readonly errors: number;
  readonly bytesPerResponse: number;
  readonly memory: Readonly<Record<string, MemoryFigures>>;
  /**
   * CPU time (user + system) each watched process spent during the load, per request, ms: where
   * the time goes, process by process (the same 2 cores serve them all, so this is what a request
   * costs, whatever the latency).
   */
  readonly cpuMsPerRequest: Readonly<Record<string, number>>;
}

export interface LoadRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body of the n-th request (the same for every request of a read). */
  body(n: number): string;
  readonly duration: number;
  /**
   * Instead of the duration: this many requests, the load ending when the last is answered (an
   * operation whose requests take about as long as the duration: a load ending by time would
   * drop them unanswered). The timeout is then 5 minutes, not autocannon's 10 s.
   */
  readonly amount?: number;
  readonly connections: number;
  /** Processes whose memory is sampled while the load runs. */
  readonly watch?: ReadonlyArray<{ readonly name: string; readonly pid: number }>;
}

export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) the process has used so far, ms (from /proc/<pid>/stat, in clock ticks of 10 ms). */
export function cpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces, in parentheses): utime and stime are the 14th and 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The database server on this machine (mariadbd or mysqld), for its CPU time under load; null when it runs elsewhere. */
export function databaseProcess(): { name: string; pid: number } | null {
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'mariadbd' || comm === 'mysqld') return { name: 'mariadb', pid: Number(entry) };
    } catch {
      // gone meanwhile
    }
  }
  return null;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** `n` to `digits` decimals (2 by default): how the bench records its figures. */
export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const roundSignificant = (n: number, digits: number) => (n === 0 ? 0 : round(n, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(n))))));

/** Samples the VmRSS (MB) of `watch` every 250 ms until `stop()`, which returns every process's samples. */
export function watchMemory(watch: ReadonlyArray<{ readonly name: string; readonly pid: number }>): { stop(): Record<string, number[]> } {
  const samples = new Map<string, number[]>(watch.map((w) => [w.name, []]));
  const sample = () => {
    for (const w of watch) {
      const mb = rssMb(w.pid);
      if (mb !== null) samples.get(w.name)!.push(mb);
    }
  };
  sample();
  const sampler = setInterval(sample, 250);
  return {
    stop() {
      clearInterval(sampler);
      sample();
      return Object.fromEntries(samples);
    },
  };
}

export interface WarmUpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The body of the n-th request. */
  body(n: number): string;
  /** Seconds of load; 0 sends one request per connection. */
  readonly seconds: number;
  readonly connections: number;
}

/**
 * Warms a target up with the load it is about to be measured under: `connections` clients, each
 * sending its next request as soon as its last one is answered, until `seconds` have passed.
 * It returns only when every request it sent has been answered, so that nothing of the warm-up
 * still runs on the server when the measurement starts: a load that ends by time (autocannon's
 * `duration`) closes its sockets and leaves its last requests to the server (the dashboard's take
 * seconds), which then ran into the next target's measurement.
 */
export async function warmUp(req: WarmUpRequest): Promise<{ requests: number; failed: number }> {
  const deadline = Date.now() + req.seconds * 1000;
  let n = 0;
  let failed = 0;
  const client = async () => {
    do {
      try {
        const response = await fetch(req.url, { method: 'POST', headers: { 'content-type': 'application/json', ...req.headers }, body: req.body(n++) });
        const text = await response.text();
        if (!response.ok || text.includes('"errors":')) failed++;
      } catch {
        failed++;
      }
    } while (Date.now() < deadline);
  };
  await Promise.all(Array.from({ length: req.connections }, client));
  return { requests: n, failed };
}

/** Requests per connection a load must answer on every target: with fewer, it measures its own end. */
export const MIN_REQUESTS_PER_CONNECTION = 3;

/**
 * How a load of `duration` seconds goes: by time (null), unless fewer than
 * MIN_REQUESTS_PER_CONNECTION requests per connection would be answered in it. Under
 * `connections` concurrent requests on two cores a request takes about `connections` times as
 * long as alone, and a load that ends by time drops whatever is unanswered at its end: the
 * cross-district matrix's floor (7.5 s a request under load) once finished none in 10 s. Such a
 * load is MIN_REQUESTS_PER_CONNECTION requests per connection instead, each awaited.
 */
export function loadAmount(aloneMs: number, o: { readonly duration: number; readonly connections: number }): number | null {
  return aloneMs * o.connections * MIN_REQUESTS_PER_CONNECTION > o.duration * 1000 ? o.connections * MIN_REQUESTS_PER_CONNECTION : null;
}

/**
 * The order of the targets in round `r`: each round begins one further along (Tongxin, floor,
 * Hive; floor, Hive, Tongxin; Hive, Tongxin, floor), so that none always follows the same one
 * (MariaDB's buffer pool holds what the one before read).
 */
export function inTurn<T>(targets: readonly T[], r: number): T[] {
  const k = r % targets.length;
  return [...targets.slice(k), ...targets.slice(0, k)];
}

/** How long a request of a load by amount may take. */
export const SLOW_LOAD_TIMEOUT_SECONDS = 300;

/** Each process's largest and mean VmRSS, MB, from its samples. */
export function memoryFigures(rss: Readonly<Record<string, readonly number[]>>): Record<string, MemoryFigures> {
  return Object.fromEntries(Object.entries(rss).map(([name, mbs]) => [name, { maxMb: round(Math.max(0, ...mbs), 1), avgMb: round(mbs.length ? mbs.reduce((a, b) => a + b, 0) / mbs.length : 0, 1) }]));
}

/** What one load saw, to be summed with the other rounds of the same target (`summarize`). */
export interface LoadSample {
  /** Latency of every answered request, ms. */
  readonly latencies: readonly number[];
  /** How long the load ran (at least its duration). */
  readonly seconds: number;
  readonly errors: number;
  readonly bytes: number;
  /** Request bodies made (`body(n)` was called for n = 0 … sent - 1): the next round goes on from there. */
  readonly sent: number;
  /** CPU time each watched process spent during the load, ms (a process that could not be read is left out). */
  readonly cpuMs: Readonly<Record<string, number>>;
  /** VmRSS samples of each watched process, MB. */
  readonly rssMb: Readonly<Record<string, readonly number[]>>;
}

/** One load: autocannon until its duration has passed or its amount is answered. */
export async function sampleLoad(req: LoadRequest): Promise<LoadSample> {
  const memory = watchMemory(req.watch ?? []);
  let rss: Record<string, number[]> | null = null;
  const cpuBefore = new Map((req.watch ?? []).map((w) => [w.name, cpuMs(w.pid)]));
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let bytes = 0;
  let n = 0;
  const started = process.hrtime.bigint();
  try {
    let resolveResult!: (r: autocannon.Result) => void;
    let rejectResult!: (e: unknown) => void;
    const finished = new Promise<autocannon.Result>((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });
    const instance = autocannon(
      {
        url: req.url,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...req.headers },
        connections: req.connections,
        ...(req.amount ? { amount: req.amount, timeout: SLOW_LOAD_TIMEOUT_SECONDS } : { duration: req.duration }),
        // autocannon notices the end of a load (its duration, or its amount answered) only on its
        // sampling tick, by default once a second: a load by amount then seemed to last whole
        // seconds (10 exports answered in 1.1 s took "2 s"), halving or doubling its throughput.
        sampleInt: 100,
        requests: [
          {
            setupRequest: (request) => ({ ...request, body: req.body(n++) }),
            onResponse: (status, body) => {
              if (status === 200 && body.includes('"errors":')) graphqlErrors++;
            },
          },
        ],
      },
      (err: unknown, result: autocannon.Result) => (err ? rejectResult(err) : resolveResult(result)),
    );
    let lastAnswer = started;
    instance.on('response', (_client: unknown, _status: number, resBytes: number, responseTime: number) => {
      latencies.push(responseTime);
      bytes += resBytes;
      lastAnswer = process.hrtime.bigint();
    });
    const result = await finished;
    rss = memory.stop();
    // A load by time lasts its duration (and the tick after it, sending all the while); a load by
    // amount lasts until its last answer.
    const seconds = req.amount ? Math.max(Number(lastAnswer - started) / 1e9, 0.001) : Math.max(Number(process.hrtime.bigint() - started) / 1e9, result.duration, 0.001);
    const cpu: Record<string, number> = {};
    for (const w of req.watch ?? []) {
      const before = cpuBefore.get(w.name);
      const after = cpuMs(w.pid);
      if (before !== null && before !== undefined && after !== null) cpu[w.name] = after - before;
    }
    return { latencies, seconds, errors: result.non2xx + result.errors + result.timeouts + graphqlErrors, bytes, sent: n, cpuMs: cpu, rssMb: rss };
  } finally {
    if (!rss) memory.stop();
  }
}

/**
 * The figures of a target from its rounds, as one load of them all: latencies pooled, requests
 * per second over the rounds' time, CPU per request over all requests, memory over all samples.
 */
export function summarize(samples: readonly LoadSample[]): LoadFigures {
  const latencies = samples.flatMap((s) => s.latencies).sort((a, b) => a - b);
  const count = latencies.length;
  const seconds = samples.reduce((a, s) => a + s.seconds, 0);
  const names = [...new Set(samples.flatMap((s) => Object.keys(s.rssMb)))];
  const memory = memoryFigures(Object.fromEntries(names.map((name) => [name, samples.flatMap((s) => s.rssMb[name] ?? [])])));
  const cpuNames = [...new Set(samples.flatMap((s) => Object.keys(s.cpuMs)))];
  return {
    requests: count,
    // Three significant digits: a tenth of a request per second is 7% of the dashboard's 1.4.
    requestsPerSecond: roundSignificant(count / Math.max(seconds, 0.001), 3),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    meanMs: round(count ? latencies.reduce((a, b) => a + b, 0) / count : 0),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    bytesPerResponse: count ? Math.round(samples.reduce((a, s) => a + s.bytes, 0) / count) : 0,
    memory,
    cpuMsPerRequest: count === 0 ? {} : Object.fromEntries(cpuNames.map((name) => [name, round(samples.reduce((a, s) => a + (s.cpuMs[name] ?? 0), 0) / count)])),
  };
}

export async function runLoad(req: LoadRequest): Promise<LoadFigures> {
  return summarize([await sampleLoad(req)]);
}
