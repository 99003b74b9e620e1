import { randomBytes } from 'node:crypto';

/** Issues entity ids. Requests use time-ordered random UUIDs; the demo data uses a seeded one. */
export interface IdGenerator {
  next(): string;
}

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by
 * creation time. Lists page by id with a keyset cursor, which keeps the newest rows together
 * in the primary-key index and gives a stable default order.
 */
export function formatUuidV7(ms: number, counter: number, random: Uint8Array): string {
  const b = new Uint8Array(16);
  const hi = Math.floor(ms / 2 ** 16);
  const lo = ms % 2 ** 16;
  b[0] = (hi >>> 24) & 0xff;
  b[1] = (hi >>> 16) & 0xff;
  b[2] = (hi >>> 8) & 0xff;
  b[3] = hi & 0xff;
  b[4] = (lo >>> 8) & 0xff;
  b[5] = lo & 0xff;
  b[6] = 0x70 | ((counter >>> 8) & 0x0f);
  b[7] = counter & 0xff;
  b[8] = 0x80 | (random[0]! & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = random[i - 8]!;
  const hex = Buffer.from(b).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Monotonic within one process: a 12-bit counter orders ids made in the same millisecond. */
export class UuidV7Generator implements IdGenerator {
  private lastMs = 0;
  private counter = 0;

  constructor(
    private readonly clock: () => number = Date.now,
    private readonly random: (n: number) => Uint8Array = (n) => randomBytes(n),
  ) {}

  next(): string {
    let ms = this.clock();
    if (ms <= this.lastMs) {
      ms = this.lastMs;
      this.counter++;
      if (this.counter > 0xfff) {
        ms = ++this.lastMs;
        this.counter = 0;
      }
    } else {
      this.lastMs = ms;
      this.counter = 0;
    }
    return formatUuidV7(ms, this.counter, this.random(8));
  }
}

export const randomIds: IdGenerator = new UuidV7Generator();
