/** The targets of issue 6 (§5), each judged from one run's figures: met, not met, or not measured (null, with the reason). */
import { OPERATIONS } from '../operations';
import type { BenchResults } from './bench';

export interface Target {
  name: string;
  value: number | null;
  limit: number;
  /** null: not measured in this run (see `reason`). */
  met: boolean | null;
  reason?: string;
}

export const GATEWAY_RSS_LIMIT_MB = 300;
export const PAGINATION_LIMIT = 1.5;
export const IMPORT_LIMIT = 5;

const notMeasured = (name: string, limit: number, reason: string): Target => ({ name, value: null, limit, met: null, reason });

export function judgeTargets(r: Pick<BenchResults, 'operations' | 'scaleCheck' | 'settings'>, scaleCheckError?: string): Target[] {
  const targets: Target[] = [];
  const measured = new Map(r.operations.map((o) => [o.name, o]));
  const skipped = (name: string) => `not measured: ${r.settings.only ? `--only ${r.settings.only.join(', ')}` : 'no figures'} (${name})`;

  // Reads within 3x (the export 4x) of their floor at p50.
  for (const op of OPERATIONS) {
    if (op.kind === 'write') continue;
    const limit = op.kind === 'read' ? op.floorLimit : op.name === 'import-10000' ? IMPORT_LIMIT : 3;
    const name = `${op.name}: p50 tongxin / floor <= ${limit}`;
    const result = measured.get(op.name);
    if (op.kind === 'planned') targets.push(notMeasured(name, limit, `not measured: ${op.reason}`));
    else if (!result?.ratios || result.ratios.p50VsFloor === null) targets.push(notMeasured(name, limit, skipped(op.name)));
    else targets.push({ name, value: result.ratios.p50VsFloor, limit, met: result.ratios.p50VsFloor <= limit && result.floorMatches === true });
  }

  // The gateway at least as fast as the peer, per operation.
  for (const op of OPERATIONS) {
    if (op.kind === 'planned') continue;
    const name = `${op.name}: throughput tongxin / hive >= 1`;
    const result = measured.get(op.name);
    if (!result?.ratios) targets.push(notMeasured(name, 1, skipped(op.name)));
    else targets.push({ name, value: result.ratios.throughputVsHive, limit: 1, met: result.ratios.throughputVsHive >= 1 });
  }

  // SQL statements per request independent of the rows: the same count at two page sizes.
  for (const op of OPERATIONS) {
    if (op.kind !== 'read' || !op.sizes) continue;
    const name = `${op.name}: SQL statements at ${op.sizes[1]} rows - at ${op.sizes[0]} rows <= 0`;
    const sizes = measured.get(op.name)?.sqlAtSizes;
    if (!sizes) targets.push(notMeasured(name, 0, skipped(op.name)));
    else targets.push({ name, value: sizes.large.statements - sizes.small.statements, limit: 0, met: sizes.large.statements <= sizes.small.statements });
  }

  // Pagination: the person list at the run's size vs at 10,000 persons.
  const pagination = `person-list: p50 at ${r.settings.persons} persons / at 10000 <= ${PAGINATION_LIMIT}`;
  if (!r.scaleCheck) {
    const why = scaleCheckError ? `not measured: the run at 10,000 persons failed (${scaleCheckError})` : 'not measured: needs a second dataset size (run with --scale-check)';
    targets.push(notMeasured(pagination, PAGINATION_LIMIT, why));
  } else {
    const value = Math.round((r.scaleCheck.personListP50MsAtMain / r.scaleCheck.personListP50Ms) * 100) / 100;
    targets.push({ name: pagination, value, limit: PAGINATION_LIMIT, met: value <= PAGINATION_LIMIT });
  }

  // Gateway memory under load: the largest RSS seen in any of Tongxin's load tests.
  const rss = r.operations.flatMap((o) => (o.tongxin?.memory.gateway ? [o.tongxin.memory.gateway.maxMb] : []));
  const rssName = `gateway RSS under load (MB) <= ${GATEWAY_RSS_LIMIT_MB}`;
  if (rss.length === 0) targets.push(notMeasured(rssName, GATEWAY_RSS_LIMIT_MB, 'not measured: no operation ran'));
  else targets.push({ name: rssName, value: Math.max(...rss), limit: GATEWAY_RSS_LIMIT_MB, met: Math.max(...rss) <= GATEWAY_RSS_LIMIT_MB });
  return targets;
}
