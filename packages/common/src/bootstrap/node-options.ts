/**
 * How production runs the Node of every service, subgraphs and gateway (docker-compose.yml, the
 * Dockerfile, `npm start`, the bench; the gateway adds its heap cap, GATEWAY_NODE_FLAGS).
 *
 * `--single-threaded`: V8 collects garbage and compiles on the main thread instead of on helper
 * threads. The platform runs five Node processes and its database on a few cores (the bench's
 * machine has two); there, the helper threads only compete with the other processes for the same
 * cores, and their hand-offs cost more than they save: a subgraph's helper threads took a fifth
 * of its CPU. With the flag a subgraph spends 12–16% less CPU per request under load, and the
 * slowest answers (p99) came sooner, not later (bench/README.md). On a machine with cores to
 * spare, dropping the flag shortens the pauses of a full collection instead.
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--single-threaded'];
