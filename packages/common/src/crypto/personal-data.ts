import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { readOrCreateSecret } from '../auth/auth-config';
import { ConfigError, envString } from '../config';

/**
 * Sensitive personal information (PIPL: ID numbers, mobile numbers) at rest: AES-256-GCM with a
 * fresh 96-bit IV per value, stored as `v1:<iv>:<tag>:<ciphertext>` (base64url), plus an
 * HMAC-SHA256 of the normalized value for exact lookups and duplicate detection (a unique index
 * on the hash catches a second registration of the same ID number without decrypting anything).
 *
 * Both keys are derived (HKDF-SHA256, distinct labels) from one 32-byte master key:
 * `TONGXIN_DATA_KEY` (base64 or base64url). Outside production and without it, a random key is
 * made on first start in `<TONGXIN_DATA_DIR>/data-key` (mode 0600), beside the databases it
 * protects. In production it must be set. Losing the key loses the encrypted values.
 */
const IV_BYTES = 12;
const TAG_BYTES = 16;

export class PersonalDataCipher {
  private readonly encryptionKey: Buffer;
  private readonly hashKey: Buffer;

  constructor(masterKey: Buffer) {
    if (masterKey.length !== 32) throw new ConfigError(`TONGXIN_DATA_KEY must be 32 bytes (base64), not ${masterKey.length}`);
    this.encryptionKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'tongxin personal data encryption v1', 32));
    this.hashKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'tongxin personal data lookup hash v1', 32));
  }

  /**
   * `field` names what the value is (`person.id_number`): it is authenticated with the value (GCM
   * additional data), so a ciphertext moved into another field does not decrypt.
   */
  encrypt(plain: string, field: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(field, 'utf8'));
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return `v1:${iv.toString('base64url')}:${cipher.getAuthTag().toString('base64url')}:${data.toString('base64url')}`;
  }

  /** The plain value; throws when the value was not made with this key for this field, or was altered. */
  decrypt(stored: string, field: string): string {
    const [version, ivText, tagText, data, extra] = stored.split(':');
    const iv = Buffer.from(ivText ?? '', 'base64url');
    const tag = Buffer.from(tagText ?? '', 'base64url');
    if (version !== 'v1' || data === undefined || extra !== undefined || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new Error('Not an encrypted value of this platform');
    }
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(field, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** The keyed hash of a value (64 hex characters); normalize the value first. */
  hash(normalized: string): string {
    return createHmac('sha256', this.hashKey).update(normalized, 'utf8').digest('hex');
  }
}

/** `330302********123X`: the issuing region and the last four characters; the birth date hidden. */
export function maskIdNumber(idNumber: string): string {
  return idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '*'.repeat(idNumber.length);
}

/** `138****5678`. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '*'.repeat(mobile.length);
}

/** The file of the embedded default's generated key. */
export function dataKeyFile(env: Readonly<Record<string, string | undefined>>): string {
  return path.resolve(envString(env, 'TONGXIN_DATA_DIR', 'data'), 'data-key');
}

function decodeKey(text: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new ConfigError('TONGXIN_DATA_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
  return key;
}

/** The cipher of `TONGXIN_DATA_KEY`, or of the embedded default's key file (not in production). */
export function personalDataCipherFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): PersonalDataCipher {
  if (env.TONGXIN_DATA_KEY) return new PersonalDataCipher(decodeKey(env.TONGXIN_DATA_KEY));
  if (env.NODE_ENV === 'production') {
    throw new ConfigError('In production set TONGXIN_DATA_KEY (32 random bytes, base64): ID and mobile numbers are stored encrypted with it');
  }
  const file = dataKeyFile(env);
  return new PersonalDataCipher(decodeKey(readOrCreateSecret(file, () => randomBytes(32).toString('base64'))));
}
