/**
 * `node bench/dist/src/profile-summary.js <file.cpuprofile>…`: where a service spent its CPU, from
 * the V8 profiles that BENCH_CPU_PROF=<dir> makes every service write: self time by package
 * (node_modules/<package>, our workspaces, node internals) and the hottest functions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

export function packageOf(url: string): string {
  if (!url) return '(native/idle)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (url.startsWith('node:')) return 'node';
  const ours = /\/(packages\/\w+|subgraphs\/\w+|gateway|bench)\//.exec(url);
  return ours ? ours[1]! : url;
}

export function summarize(profile: Profile, top = 15): { totalMs: number; byPackage: Array<[string, number]>; byFunction: Array<[string, number]> } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const [id, micros] of self) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    total += micros;
    const pkg = functionName === '(garbage collector)' ? '(gc)' : packageOf(url);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + micros);
  }
  const sorted = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, v]): [string, number] => [k, Math.round(v / 100) / 10]);
  return { totalMs: Math.round(total / 1000), byPackage: sorted(byPackage), byFunction: sorted(byFunction) };
}

if (require.main === module) {
  for (const file of process.argv.slice(2)) {
    const s = summarize(JSON.parse(fs.readFileSync(file, 'utf8')) as Profile);
    process.stdout.write(`\n${path.basename(file)}: ${s.totalMs} ms of CPU (idle excluded)\n  by package (ms): ${s.byPackage.map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    for (const [fn, ms] of s.byFunction) process.stdout.write(`    ${String(ms).padStart(8)} ms  ${fn}\n`);
  }
}
