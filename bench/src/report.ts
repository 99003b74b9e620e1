/** The table `npm run bench` prints. */
import type { BenchResults } from './bench';
import type { LoadFigures } from './load';

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
    `load: ${r.settings.duration} s per target, ${r.settings.connections} connections; peer: ${r.settings.hive}`,
    '',
  ];
  const rows = r.operations.flatMap((o) => {
    if (o.kind === 'planned') return [[o.name, 'planned', null, null, null, null, null, null, null, o.reason]];
    const fig = (label: string, f: typeof o.tongxin | null | undefined, extra: string | null = null) =>
      f ? [label === 'tongxin' ? o.name : '', label, f.requestsPerSecond, f.p50Ms, f.p99Ms, f.errors, label === 'tongxin' ? o.sqlPerRequest : null, f.memory.gateway?.maxMb ?? f.memory.hive?.maxMb ?? f.memory.floor?.maxMb ?? null, Math.round(f.bytesPerResponse / 1024), extra] : [];
    return [
      fig('tongxin', o.tongxin, o.floorMatches === undefined ? null : `floor rows ${o.floorMatches ? 'match' : `DIFFER ${o.floorDifference}`}`),
      fig('floor', o.floor, o.ratios?.p50VsFloor !== null && o.ratios ? `tongxin/floor p50 ${o.ratios.p50VsFloor}x, rps ${o.ratios.throughputVsFloor}x` : null),
      fig('hive', o.hive, o.ratios ? `tongxin/hive rps ${o.ratios.throughputVsHive}x${o.hiveMatches === false ? ' (hive answer differs)' : ''}` : null),
    ].filter((x) => x.length > 0);
  });
  out.push(table(['operation', 'target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'SQL/req', 'RSS MB', 'KB/resp', ''], rows));
  const subgraphRss = r.operations.flatMap((o) =>
    o.tongxin ? [`${o.name}: ${Object.entries(o.tongxin.memory).map(([name, m]) => `${name} ${m.maxMb}`).join(', ')}`] : [],
  );
  if (subgraphRss.length) out.push('', 'max RSS under Tongxin load (MB):', ...subgraphRss.map((l) => `  ${l}`));
  const cpu = (label: string, f: LoadFigures | null | undefined) =>
    f && Object.keys(f.cpuMsPerRequest ?? {}).length ? [`  ${label}: ${Object.entries(f.cpuMsPerRequest).map(([name, ms]) => `${name} ${ms}`).join(', ')}`] : [];
  const cpuLines = r.operations.flatMap((o) => [...cpu(`${o.name} tongxin`, o.tongxin), ...cpu(`${o.name} floor`, o.floor), ...cpu(`${o.name} hive`, o.hive)]);
  if (cpuLines.length) out.push('', 'CPU ms per request, by process:', ...cpuLines);
  if (r.scaleCheck) out.push('', `scale check: person-list p50 ${r.scaleCheck.personListP50MsAtMain} ms at ${d.persons} persons, ${r.scaleCheck.personListP50Ms} ms at 10000`);
  out.push(
    '',
    table(
      ['target', 'value', 'limit', 'met'],
      r.targets.map((t) => [t.name, t.value, t.limit, t.met === null ? (t.reason ?? 'not measured') : t.met ? 'yes' : 'NO']),
    ),
  );
  return out.join('\n');
}
