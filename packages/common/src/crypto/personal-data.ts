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

/**
 * The masked ID number every role may see: the province (`33****************`) and nothing else,
 * so that the mask with everything else a role may read (birth year, gender, district) leaves at
 * least a million candidate numbers: a mainland province has at least 16 county codes, a year
 * 365 birth dates and a gender 500 sequence numbers, 2.9 million in all, and the check character
 * is hidden. Numbers of Hong Kong, Macau and Taiwan residents (71, 81, 82, 83) have one region
 * code each, so for them nothing is shown. The arithmetic is in docs/SECURITY.md.
 */
export function maskIdNumber(idNumber: string): string {
  const shown = idNumber.length === 18 && /^[1-6][0-9]/.test(idNumber) ? idNumber.slice(0, 2) : '';
  return shown + '*'.repeat(idNumber.length - shown.length);
}

/** `138******78`: the first three digits (the carrier) and the last two; six digits (a million candidates) hidden. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}******${mobile.slice(9)}` : '*'.repeat(mobile.length);
}

/**
 * A member unit's contact phone as every role may see it: a mobile as `maskMobile`, a landline
 * as its area code and six or more hidden digits with the last one or two shown only when at
 * least six stay hidden (`0577-******00` for 0577-88960000, `0577-******0` for 0577-8896000).
 */
export function maskPhone(phone: string): string {
  if (/^1[0-9]{10}$/.test(phone)) return maskMobile(phone);
  const dash = phone.indexOf('-');
  const area = dash > 0 ? phone.slice(0, dash + 1) : phone.slice(0, Math.min(4, phone.length));
  const local = phone.slice(area.length);
  const shown = Math.max(0, Math.min(2, local.length - 6));
  return `${area}${'*'.repeat(local.length - shown)}${local.slice(local.length - shown)}`;
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
