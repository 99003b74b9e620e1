/** Comparing Tongxin's answer with the floor's: same rows, same values, key order aside. */

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The first path where the two differ, with both values; null when they are the same. */
export function firstDifference(a: unknown, b: unknown, path = 'data'): string | null {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return `${path}: ${a.length} rows vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of [...keys].sort()) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d) return d;
    }
    return null;
  }
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b)) ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

/** Rows of an answer: the lengths of every `edges` list in it, summed (a single object counts as 1). */
export function rowsOf(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + rowsOf(v), 0);
  if (value && typeof value === 'object') {
    let rows = 0;
    for (const [k, v] of Object.entries(value)) {
      if (k === 'edges' && Array.isArray(v)) return v.length;
      rows += rowsOf(v);
    }
    return rows;
  }
  return 0;
}
