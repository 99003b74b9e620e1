import { randomBytes, scrypt, ScryptOptions, timingSafeEqual } from 'node:crypto';

/** The cost of new hashes: N = 2^17, r = 8, p = 1 (128 MiB and a few hundred milliseconds per hash). */
export const SCRYPT_PARAMETERS = { log2N: 17, r: 8, p: 1 } as const;

export interface ScryptParameters {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** The shortest and longest password taken (longer ones would only cost hashing time). */
export const PASSWORD_LENGTH = { min: 8, max: 200 } as const;

/** scrypt needs 128 · N · r · p bytes; node refuses more than `maxmem` (32 MiB by default). */
function maxmemFor(params: ScryptParameters): number {
  return 128 * 2 ** params.log2N * params.r * params.p + 32 * 1024 * 1024;
}

/**
 * Hashes computed at once, at most: each takes 128 MiB, so a burst of sign-ins waits in line
 * instead of taking the machine's memory (and libuv's four threads).
 */
export const MAX_CONCURRENT_HASHES = 2;
let running = 0;
const waiting: Array<() => void> = [];

/** Hashes being computed now (for tests and metrics). */
export function hashesRunning(): number {
  return running;
}

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running += 1;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running -= 1;
  }
}

function derive(password: string, salt: Buffer, params: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** params.log2N, r: params.r, p: params.p, maxmem: maxmemFor(params) };
  return inTurn(() => new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_BYTES, options, (err, key) => (err ? reject(err) : resolve(key)))));
}

/**
 * A password's hash in the PHC string format, `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64 without
 * padding), with a random salt: the parameters travel with the hash, so they can be raised later
 * and old hashes still verify.
 */
export async function hashPassword(password: string, params: ScryptParameters = SCRYPT_PARAMETERS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params);
  return `$scrypt$ln=${params.log2N},r=${params.r},p=${params.p}$${salt.toString('base64').replace(/=+$/, '')}$${key.toString('base64').replace(/=+$/, '')}`;
}

const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** The parameters a stored hash was made with, or null when it is not one of ours. */
export function parametersOf(hash: string): ScryptParameters | null {
  const m = PHC.exec(hash);
  if (!m) return null;
  const params = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds that keep a tampered row from asking for gigabytes.
  if (params.log2N < 10 || params.log2N > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  return params;
}

/** Whether `password` is the one `hash` was made from (constant-time comparison). */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const params = parametersOf(hash);
  const m = PHC.exec(hash);
  if (!params || !m) return false;
  const expected = Buffer.from(m[5]!, 'base64');
  const key = await derive(password, Buffer.from(m[4]!, 'base64'), params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a hash was made with weaker parameters than today's (to hash again at the next sign-in). */
export function needsRehash(hash: string, params: ScryptParameters = SCRYPT_PARAMETERS): boolean {
  const had = parametersOf(hash);
  return !had || had.log2N < params.log2N || had.r < params.r || had.p < params.p;
}

/** A hash of a random password: verified against when a username is unknown, so that the answer takes as long. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
}
