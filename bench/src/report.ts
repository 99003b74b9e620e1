/** The table `npm run bench` prints. */
import type { BenchResults } from './bench';
import type { ExplainRecord } from './explain';
import { type LoadFigures, MIN_REQUESTS_PER_CONNECTION } from './load';
import { OPERATIONS } from '../operations';

function table(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  const line = (r: readonly string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

export function formatResults(r: BenchResults): string {
  const d = r.dataset;
  const out: string[] = [
    `machine: ${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node}${r.machine.loadAverage ? `, load average ${r.machine.loadAverage.start} → ${r.machine.loadAverage.end}` : ''}`,
    `dataset: ${d.persons} persons, ${d.organizations} organizations, ${d.memberships} memberships (${d.membershipsPerPerson}/person), ` +
      `${d.activities} activities, ${d.participations} participations, ${d.evaluations} evaluations (${d.databasePrefix}*${r.settings.reused ? ', reused' : ''})`,
    `load: ${r.settings.duration} s per target in ${r.settings.rounds} rounds, the targets taking turns, ${r.settings.connections} connections, after ${r.settings.warmup} s of warm-up; peer: ${r.settings.hive}; Node flags: subgraphs ${r.settings.nodeFlags?.subgraphs.join(' ') || 'none'}, gateway ${r.settings.nodeFlags?.gateway.join(' ') || 'none'}`,
    '',
  ];
  const rows = r.operations.flatMap((o) => {
    if (o.kind === 'import') return [];
    const fig = (label: string, f: typeof o.tongxin | null | undefined, extra: string | null = null) =>
      f
        ? [
            label === 'tongxin' ? o.name : '',
            label,
            f.requestsPerSecond,
            f.p50Ms,
            f.p99Ms,
            f.errors,
            label === 'tongxin' ? o.sqlPerRequest : null,
            f.memory.gateway?.maxMb ?? f.memory.hive?.maxMb ?? f.memory.floor?.maxMb ?? null,
            Math.round(f.bytesPerResponse / 1024),
            extra,
          ]
        : [];
    return [
      fig('tongxin', o.tongxin, o.floorMatches === undefined ? null : `floor rows ${o.floorMatches ? 'match' : `DIFFER ${o.floorDifference}`}`),
      fig('floor', o.floor, o.ratios?.p50VsFloor !== null && o.ratios ? `tongxin/floor p50 ${o.ratios.p50VsFloor}x, rps ${o.ratios.throughputVsFloor}x` : null),
      fig('hive', o.hive, o.ratios ? `tongxin/hive rps ${o.ratios.throughputVsHive}x${o.hiveMatches === false ? ' (hive answer differs)' : ''}` : null),
    ].filter((x) => x.length > 0);
  });
  out.push(table(['operation', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'SQL/req', 'RSS MB', 'KB/resp', ''], rows));
  const byAmount = r.operations.filter((o) => o.loadAmount);
  if (byAmount.length) {
    const which = (a: NonNullable<(typeof byAmount)[number]['loadAmount']>) =>
      Object.entries(a)
        .flatMap(([target, n]) => (n ? [`${target} ${n}`] : []))
        .join(', ');
    out.push(
      '',
      `loaded by an amount of requests shared by the rounds, each awaited, not by time (a request alone too slow for ${MIN_REQUESTS_PER_CONNECTION} per connection in a round): ${byAmount.map((o) => `${o.name} (${which(o.loadAmount!)})`).join('; ')}`,
    );
  }
  const subgraphRss = r.operations.flatMap((o) =>
    o.tongxin
      ? [
          `${o.name}: ${Object.entries(o.tongxin.memory)
            .map(([name, m]) => `${name} ${m.maxMb}`)
            .join(', ')}`,
        ]
      : [],
  );
  if (subgraphRss.length) out.push('', 'max RSS under Tongxin load (MB):', ...subgraphRss.map((l) => `  ${l}`));
  const cpu = (label: string, f: LoadFigures | null | undefined) =>
    f && Object.keys(f.cpuMsPerRequest ?? {}).length
      ? [
          `  ${label}: ${Object.entries(f.cpuMsPerRequest)
            .map(([name, ms]) => `${name} ${ms}`)
            .join(', ')}`,
        ]
      : [];
  const cpuLines = r.operations.flatMap((o) => [...cpu(`${o.name} tongxin`, o.tongxin), ...cpu(`${o.name} floor`, o.floor), ...cpu(`${o.name} hive`, o.hive)]);
  if (cpuLines.length) out.push('', 'CPU ms per request, by process:', ...cpuLines);
  for (const o of r.operations) {
    if (o.import) out.push('', ...formatImport(o.name, o.import, o.floorMatches, o.floorDifference));
  }
  const explained = r.operations.filter((o) => o.kind === 'read');
  if (explained.length) {
    out.push('', 'EXPLAIN of the statements one request sends (!! flagged: a full scan or filesort of a big table):');
    const aggregates = new Set(OPERATIONS.filter((o) => o.kind === 'read' && o.aggregate).map((o) => o.name));
    for (const o of explained) out.push(...formatExplain(aggregates.has(o.name) ? `${o.name} (a whole-register aggregate: shown, not judged)` : o.name, o.explain, o.explainError));
  }
  if (r.scaleCheck) {
    out.push('', `scale check: person-list p50 ${r.scaleCheck.personListP50MsAtMain} ms at ${d.persons} persons, ${r.scaleCheck.personListP50Ms} ms at 10000`);
    out.push(...formatExplain('person-list at 10000 persons', r.scaleCheck.explain, r.scaleCheck.explainError));
  }
  if (r.dashboardScale) {
    out.push('', `scale check: dashboard-statistics p50 ${r.dashboardScale.p50MsAtMain} ms at ${d.persons} persons, ${r.dashboardScale.p50Ms} ms at ${r.dashboardScale.persons}`);
    out.push(...formatExplain(`dashboard-statistics at ${r.dashboardScale.persons} persons`, r.dashboardScale.explain, r.dashboardScale.explainError));
  }
  if (r.datasetCheck) {
    const changed = Object.keys(r.datasetCheck.before).filter((k) => r.datasetCheck!.before[k as keyof typeof r.datasetCheck.before] !== r.datasetCheck!.after[k as keyof typeof r.datasetCheck.after]);
    out.push(
      '',
      r.datasetCheck.unchanged
        ? 'dataset left as found: every count the same after the run as before (persons, memberships, …, outbox events, replica rows, audit events)'
        : `DATASET CHANGED by the run: ${changed.map((k) => `${k} ${r.datasetCheck!.before[k as keyof typeof r.datasetCheck.before]} → ${r.datasetCheck!.after[k as keyof typeof r.datasetCheck.after]}`).join(', ')}`,
    );
  }
  out.push(
    '',
    table(
      ['target', 'value', 'limit', 'met', 'rounds'],
      r.targets.map((t) => [t.name, t.value, t.limit, t.met === null ? (t.reason ?? 'not measured') : t.met ? 'yes' : 'NO', t.rounds?.length ? t.rounds.map((v) => v ?? '-').join(' ') : '']),
    ),
  );
  return out.join('\n');
}

function formatImport(name: string, f: NonNullable<BenchResults['operations'][number]['import']>, floorMatches?: boolean, floorDifference?: string | null): string[] {
  const runs = (xs: ReadonlyArray<{ seconds: number }>) => xs.map((x) => x.seconds).join(', ');
  const rss = (m: Record<string, number>) =>
    Object.entries(m)
      .map(([n, mb]) => `${n} ${mb}`)
      .join(', ');
  return [
    `${name}: ${f.imports} imports of ${f.rows} rows, one after the other (after one of 100 rows to warm up)`,
    f.refusal
      ? `  one request of all ${f.rows} rows (${f.refusal.bodyBytes} bytes) refused: ${f.refusal.status} ${f.refusal.message}; sent as ${f.requestsPerImport} requests of at most ${f.maxRowsPerRequest} rows`
      : `  the whole file in one request`,
    `  tongxin: median ${f.tongxin.medianSeconds} s, max ${f.tongxin.maxSeconds} s (${runs(f.tongxin.runs)}), ${f.tongxin.rowsPerSecond} rows/s; ` +
      `until the replica had the new persons: ${f.tongxin.runs.map((x) => x.untilDeliveredSeconds).join(', ')} s`,
    `    SQL statements per import ${f.tongxin.medianStatements} (${f.tongxin.statementsPer1000Rows} per 1,000 rows; ${Object.entries(f.tongxin.runs[0]?.bySubgraph ?? {})
      .map(([n, c]) => `${n} ${c}`)
      .join(', ')}); max RSS MB: ${rss(f.tongxin.maxRssMb)}`,
    `  floor: median ${f.floor.medianSeconds} s, max ${f.floor.maxSeconds} s (${runs(f.floor.runs)}), ${f.floor.rowsPerSecond} rows/s, ${f.floor.statementsPerImport} INSERTs per import; ` +
      `stored rows ${floorMatches ? 'match' : `DIFFER: ${floorDifference}`}`,
    f.hive
      ? `  hive: median ${f.hive.medianSeconds} s, max ${f.hive.maxSeconds} s (${f.hive.runs.map((r) => r.seconds).join(', ')}), ${f.hive.rowsPerSecond} rows/s`
      : `  hive: not measured (${f.hiveSkipped ?? 'skipped'})`,
    `  seconds tongxin / floor ${f.secondsVsFloor}x; rows/s tongxin / hive ${f.throughputVsHive ?? '-'}x; ` +
      `removed afterwards: ${f.removed.persons} persons, ${f.removed.outboxEvents} outbox events, ${f.removed.memberDistricts} replica rows, ${f.removed.auditEvents} audit events`,
  ];
}

function formatExplain(name: string, e: ExplainRecord | null | undefined, error?: string): string[] {
  if (!e) return [`  ${name}: not captured (${error ?? 'no record'})`];
  const lines = [`  ${name}: ${e.statements.length} statements, ${e.flagged} flagged`];
  for (const s of e.statements) {
    lines.push(`    ${s.flags.length ? '!!' : '  '} [${s.subgraph}] ${s.statement.length > 150 ? `${s.statement.slice(0, 149)}…` : s.statement}`);
    for (const x of s.explain) {
      lines.push(`         ${x.table ?? '-'}: ${x.type ?? '-'} key=${x.key ?? '-'}${x.keyLen ? `(${x.keyLen})` : ''} rows=${x.rows ?? '-'}${x.extra ? ` ${x.extra}` : ''}`);
    }
    for (const f of s.flags) lines.push(`         !! ${f}`);
    for (const n of s.notes) lines.push(`         note: ${n}`);
  }
  return lines;
}
