import { OPERATIONS } from '../operations';

/** What `npm run bench -- …` was asked. */
export interface BenchOptions {
  /** Persons of the dataset (default 100,000); the rest scales with them as the demo generator does. */
  readonly persons: number;
  /** Keep the dataset in MariaDB between runs (databases `bench_<persons>_*`), and use it when it is there. */
  readonly reuse: boolean;
  /** Seconds of load per operation and per target (Tongxin, floor, Hive). */
  readonly duration: number;
  readonly connections: number;
  /**
   * Each target's load is split into this many rounds, the targets of an operation taking turns
   * (Tongxin, floor, Hive, Tongxin, …), so that a machine that speeds up or slows down during an
   * operation weighs on all three alike; the figures pool the rounds.
   */
  readonly rounds: number;
  /** Seconds of the same load on each target before it is measured (plan caches, JIT, pools), its last requests awaited. */
  readonly warmup: number;
  /** Only these operations (by name). */
  readonly only: readonly string[] | null;
  /** Rows of each import (default: the operation's, 10,000). */
  readonly importRows: number | null;
  /** Imports measured one after the other (after a small one to warm up). */
  readonly imports: number;
  /** Also run the person list on a 10,000-person dataset, for the pagination target. */
  readonly scaleCheck: boolean;
  /** Also measure dashboard-statistics on a dataset of this many persons (issue 16 §4: 1,000,000), for its scale target. */
  readonly dashboardScale: number | null;
  /** Only make (or, with `reuse`, find) the dataset and print its counts: no measurement. */
  readonly datasetOnly: boolean;
  /** Where to write the results (default bench/results/latest.json); null: nowhere. */
  readonly output: string | null;
  readonly mysql: { readonly host: string; readonly port: number; readonly user: string; readonly password: string };
  /** Messages while it runs (default: stderr). */
  readonly say?: (line: string) => void;
}

export const USAGE = `npm run bench -- [--persons N] [--reuse] [--duration S] [--connections C] [--rounds R] [--warmup S] [--only <operation>] [--import-rows N] [--imports N] [--scale-check] [--dashboard-scale N] [--dataset-only] [--output FILE]
  --persons N       persons of the dataset (default 100000; memberships, activities, participations, evaluations scale with it)
  --reuse           keep the dataset in MariaDB (databases bench_<N>_*) and use it again next time
  --duration S      seconds of load per operation and target, over its rounds (default 10)
  --connections C   concurrent connections of the load generator (default 10)
  --rounds R        rounds each target's load is split into, the targets taking turns (default 3)
  --warmup S        seconds of the same load on each target before it is measured, its last requests awaited (default 3; 0: one request per connection)
  --only NAME       only this operation (repeatable): ${OPERATIONS.map((o) => o.name).join(', ')}
  --import-rows N   rows of each import (default 10000)
  --imports N       imports measured one after the other, after a small one to warm up (default 3)
  --scale-check     also measure the person list at 10,000 persons (pagination target)
  --dashboard-scale N  also measure dashboard-statistics at N persons (e.g. 1000000; with --reuse it is kept)
  --dataset-only    only make the dataset (with --reuse: keep it) and print its counts, measuring nothing
  --output FILE     results file (default bench/results/latest.json)
MariaDB: MYSQL_HOST, MYSQL_PORT, MYSQL_USER, MYSQL_PASSWORD (default root@127.0.0.1:3306).`;

function positiveInt(flag: string, value: string | undefined, min = 1): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number of at least ${min}, not ${value ?? 'nothing'}\n${USAGE}`);
  return n;
}

export function parseOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = process.env): BenchOptions {
  let persons = 100_000;
  let reuse = false;
  let duration = 10;
  let connections = 10;
  let rounds = 3;
  let warmup = 3;
  let scaleCheck = false;
  let datasetOnly = false;
  let dashboardScale: number | null = null;
  let importRows: number | null = null;
  let imports = 3;
  let output: string | null = 'bench/results/latest.json';
  const only: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    switch (arg) {
      case '--persons':
        persons = positiveInt(arg, argv[++i], 10);
        break;
      case '--reuse':
        reuse = true;
        break;
      case '--duration':
        duration = positiveInt(arg, argv[++i]);
        break;
      case '--connections':
        connections = positiveInt(arg, argv[++i]);
        break;
      case '--rounds':
        rounds = positiveInt(arg, argv[++i]);
        break;
      case '--warmup':
        warmup = positiveInt(arg, argv[++i], 0);
        break;
      case '--only': {
        const name = argv[++i];
        if (!name || !OPERATIONS.some((o) => o.name === name)) throw new Error(`--only needs one of ${OPERATIONS.map((o) => o.name).join(', ')}, not ${name ?? 'nothing'}`);
        only.push(name);
        break;
      }
      case '--import-rows':
        importRows = positiveInt(arg, argv[++i]);
        break;
      case '--imports':
        imports = positiveInt(arg, argv[++i]);
        break;
      case '--scale-check':
        scaleCheck = true;
        break;
      case '--dashboard-scale':
        dashboardScale = positiveInt(arg, argv[++i], 10);
        break;
      case '--dataset-only':
        datasetOnly = true;
        break;
      case '--output':
        output = argv[++i] ?? null;
        if (!output) throw new Error(`--output needs a file\n${USAGE}`);
        break;
      case '--help':
      case '-h':
        throw new Error(USAGE);
      default:
        throw new Error(`Unknown option ${arg}\n${USAGE}`);
    }
  }
  return {
    persons,
    reuse,
    duration,
    connections,
    rounds,
    warmup,
    only: only.length > 0 ? only : null,
    importRows,
    imports,
    scaleCheck,
    datasetOnly,
    dashboardScale,
    output,
    mysql: {
      host: env.MYSQL_HOST ?? '127.0.0.1',
      port: positiveInt('MYSQL_PORT', env.MYSQL_PORT ?? '3306'),
      user: env.MYSQL_USER ?? 'root',
      password: env.MYSQL_PASSWORD ?? '',
    },
  };
}
