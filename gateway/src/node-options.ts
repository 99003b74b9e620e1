/**
 * How production runs the gateway's Node (docker-compose.yml's `NODE_OPTIONS`, the Dockerfile's
 * command, the bench): the old generation capped at 512 MB. Without a cap V8 sizes the heap from
 * the machine's memory, and under ten concurrent 1,000-row exports the gateway grew to 310–330 MB
 * of RSS with well under 100 MB live; with any explicit cap V8 collects sooner and it stays near
 * 180 MB, for about a fifth more CPU in the gateway on that export (bench/README.md). 512 MB
 * leaves room for some fifty such exports at once.
 */
export const GATEWAY_NODE_OPTIONS = '--max-old-space-size=512';
