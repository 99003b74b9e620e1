import { maskPhone, PersonalDataCipher, personalDataCipherFromEnv } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';
import { contactPhoneHash, SEALED_CONTACT_PHONE } from '../organization/organization.entity';

/**
 * The data step of the SealContactPhones migrations (both dialects): member units' contact
 * phones, stored in plain before, are encrypted, hashed and masked like persons' mobiles (`up`),
 * or decrypted back (`down`), with the key the services use (TONGXIN_DATA_KEY, or the embedded
 * default's key file). Only the rows with a phone are read.
 */
export async function sealContactPhones(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  const rows = (await runner.query('SELECT id, contact_phone FROM organization WHERE contact_phone IS NOT NULL')) as { id: string; contact_phone: string }[];
  for (const row of rows) {
    await runner.query('UPDATE organization SET contact_phone_enc = ?, contact_phone_hash = ?, contact_phone_masked = ? WHERE id = ?', [
      cipher.encrypt(row.contact_phone, SEALED_CONTACT_PHONE),
      contactPhoneHash(cipher, row.contact_phone),
      maskPhone(row.contact_phone),
      row.id,
    ]);
  }
}

export async function unsealContactPhones(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  const rows = (await runner.query('SELECT id, contact_phone_enc FROM organization WHERE contact_phone_enc IS NOT NULL')) as { id: string; contact_phone_enc: string }[];
  for (const row of rows) {
    await runner.query('UPDATE organization SET contact_phone = ? WHERE id = ?', [cipher.decrypt(row.contact_phone_enc, SEALED_CONTACT_PHONE), row.id]);
  }
}
