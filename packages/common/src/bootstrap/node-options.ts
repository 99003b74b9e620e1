import { envBool } from '../config';

/**
 * V8's `--single-threaded`: garbage collection and compilation on the main thread instead of on
 * helper threads. A deployment choice, off by default. On a small machine that runs the five Node
 * processes and the database on a few cores (the bench's has two), the helper threads only compete
 * with the other processes for the same cores: there the flag saved a subgraph 12–16% of its CPU
 * per request under load (bench/README.md). On a machine with cores to spare, the helper threads
 * shorten the pauses of a full collection instead, which is why it is not the default.
 *
 * Turned on with `TONGXIN_SINGLE_THREADED=true` for `npm start` and the bench; in docker-compose.yml
 * or the Dockerfile, add `--single-threaded` after `node` in the command (Node does not take it
 * from NODE_OPTIONS).
 */
export const SINGLE_THREADED_FLAG = '--single-threaded';

/**
 * The Node flags of every service, subgraphs and gateway (`npm start`, the bench; the gateway adds
 * its heap flags, gatewayNodeFlags): none, or `--single-threaded` when TONGXIN_SINGLE_THREADED is true.
 */
export function serviceNodeFlags(env: Readonly<Record<string, string | undefined>> = process.env): readonly string[] {
  return envBool(env, 'TONGXIN_SINGLE_THREADED', false) ? [SINGLE_THREADED_FLAG] : [];
}
