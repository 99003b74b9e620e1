import { serviceNodeFlags } from '@tongxin/common';

/**
 * How production runs the gateway's Node (the command of docker-compose.yml and of the Dockerfile,
 * `npm start` and the bench; `--initial-old-space-size` is not allowed in NODE_OPTIONS): the old
 * generation capped at 512 MB, and let grow to 128 MB before V8 collects it in earnest. Without a
 * cap V8 sizes the heap from the machine's memory, and under ten concurrent 1,000-row exports the
 * gateway grew to 310–330 MB of RSS with well under 100 MB live. The cap alone kept it near 180 MB
 * but cost a quarter more CPU in collections; with the initial size as well it stays near 215 MB
 * for the CPU of no cap (bench/README.md). 512 MB leaves room for some fifty such exports at once.
 */
export const GATEWAY_HEAP_FLAGS: readonly string[] = ['--max-old-space-size=512', '--initial-old-space-size=128'];

/** The gateway's Node flags: its heap flags, and `--single-threaded` when TONGXIN_SINGLE_THREADED is true (serviceNodeFlags). */
export function gatewayNodeFlags(env: Readonly<Record<string, string | undefined>> = process.env): readonly string[] {
  return [...GATEWAY_HEAP_FLAGS, ...serviceNodeFlags(env)];
}
