/**
 * Imported for its effect, before @apollo/gateway is loaded (the first import of gateway.ts).
 *
 * @apollo/federation-internals re-exports its modules with TypeScript's `__exportStar`: every
 * name is a getter, `get: function () { return m[k]; }`, one function literal for hundreds of
 * names, which V8 cannot specialise per name. @apollo/gateway calls into the package through
 * those getters for every field of every row it shapes (`federation_internals_1.isLeafType(…)`
 * in resultShaping's updateOutputValue): 9% of the gateway's CPU on a 1,000-row export
 * (bench/README.md). Once the package has loaded, its module's exports are swapped for a plain
 * object holding the same values, so that the modules loaded after it (@apollo/gateway,
 * @apollo/query-planner) read ordinary properties.
 *
 * The values are the very same objects, and none is reassigned after the package has loaded (it
 * exports functions, classes, constants and enums filled once); `flattenedExportsDiffer` checks
 * that, and test/federation-internals-exports.test.ts runs it in a compiled gateway after a
 * request. Where modules are not Node's own (jest), nothing is swapped.
 */
const gatewayEntry = require.resolve('@apollo/gateway');
const id = require.resolve('@apollo/federation-internals', { paths: [gatewayEntry] });

/** True once the exports of the package @apollo/gateway uses are a plain object. */
export let federationInternalsFlattened = false;
/** The package's own exports (its getters), kept to check the plain copy against. */
let getters: Record<string, unknown> | undefined;

function flatten(): void {
  // Loaded before this: @apollo/gateway holds the getters already, and a swap would change nothing for it.
  if (require.cache[gatewayEntry]) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const live = require(id) as Record<string, unknown>;
  const module = require.cache[id] as NodeJS.Module | undefined;
  if (!module || module.exports !== live) return;
  const flat: Record<string, unknown> = {};
  Object.defineProperty(flat, '__esModule', { value: true });
  for (const key of Object.keys(live)) flat[key] = live[key];
  module.exports = flat;
  getters = live;
  federationInternalsFlattened = true;
}

flatten();

/** The names whose plain value is no longer what the package's getter returns (none, by design). */
export function flattenedExportsDiffer(): string[] {
  if (!getters) return [];
  const flat = require.cache[id]!.exports as Record<string, unknown>;
  return Object.keys(getters).filter((key) => flat[key] !== getters![key]);
}
