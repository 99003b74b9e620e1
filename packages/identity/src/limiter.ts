/** How failed sign-ins are limited: `maxFailures` within `windowSeconds` lock for `lockSeconds`. */
export interface LockoutPolicy {
  /** Failures of one username before it is locked (5). */
  readonly maxFailures: number;
  /** Failures of one client address, whatever the usernames, before it is locked (20). */
  readonly maxFailuresPerAddress: number;
  /** The window the failures are counted in (15 minutes). */
  readonly windowSeconds: number;
  /** How long a lock lasts (15 minutes). */
  readonly lockSeconds: number;
}

export const DEFAULT_LOCKOUT: LockoutPolicy = { maxFailures: 5, maxFailuresPerAddress: 20, windowSeconds: 15 * 60, lockSeconds: 15 * 60 };

interface Entry {
  count: number;
  since: number;
  lockedUntil: number;
}

/** Entries kept at most; past it the ones whose window and lock are over are forgotten first. */
const MAX_ENTRIES = 100_000;

/**
 * Failed sign-ins counted in memory by key (`user:<name>`, `addr:<address>`), for usernames that
 * exist and those that do not alike, so that a lock never tells which is which. The accounts'
 * own counters (in their table) keep a lock over a restart.
 */
export class FailureCounter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly policy: LockoutPolicy) {}

  /** Until when (ms) `key` is locked, or 0. */
  lockedUntil(key: string, now: number): number {
    const e = this.entries.get(key);
    return e && e.lockedUntil > now ? e.lockedUntil : 0;
  }

  /** Counts a failure of `key` (allowed `max` in the window); true when it is now locked. */
  fail(key: string, max: number, now: number): boolean {
    const windowMs = this.policy.windowSeconds * 1000;
    let e = this.entries.get(key);
    if (!e || now - e.since > windowMs) {
      if (!e && this.entries.size >= MAX_ENTRIES) this.prune(now);
      e = { count: 0, since: now, lockedUntil: 0 };
      this.entries.set(key, e);
    }
    e.count += 1;
    if (e.count >= max) {
      e.lockedUntil = now + this.policy.lockSeconds * 1000;
      e.count = 0;
      e.since = now;
      return true;
    }
    return false;
  }

  reset(key: string): void {
    this.entries.delete(key);
  }

  private prune(now: number): void {
    const windowMs = this.policy.windowSeconds * 1000;
    for (const [key, e] of this.entries) if (e.lockedUntil <= now && now - e.since > windowMs) this.entries.delete(key);
    // Still full (an attack from many names): forget the oldest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < MAX_ENTRIES) break;
      this.entries.delete(key);
    }
  }
}
