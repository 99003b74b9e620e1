import { maskIdNumber, maskMobile, PersonalDataCipher, personalDataCipherFromEnv } from '@tongxin/common';
import type { QueryRunner } from 'typeorm';
import { SEALED } from '../person/person.entity';

/**
 * The data step of the EncryptPersonalData migrations (both dialects): existing rows get their ID
 * and mobile numbers encrypted, hashed and masked (`up`), or decrypted back (`down`), with the
 * key the services use (TONGXIN_DATA_KEY, or the embedded default's key file). Rows are read in
 * pages by id; each is one UPDATE inside the migration's transaction.
 */
const PAGE = 1000;

async function forEachRow(runner: QueryRunner, columns: string, each: (row: Record<string, string | null>) => Promise<void>): Promise<void> {
  let after = '';
  for (;;) {
    const rows = (await runner.query(`SELECT id, ${columns} FROM person WHERE id > ? ORDER BY id LIMIT ${PAGE}`, [after])) as Record<string, string | null>[];
    for (const row of rows) await each(row);
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id!;
  }
}

export async function encryptExistingRows(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  await forEachRow(runner, 'id_number, mobile', async (row) => {
    const idNumber = row.id_number!;
    const mobile = row.mobile;
    await runner.query(
      'UPDATE person SET id_number_enc = ?, id_number_hash = ?, id_number_masked = ?, mobile_enc = ?, mobile_hash = ?, mobile_masked = ? WHERE id = ?',
      [
        cipher.encrypt(idNumber, SEALED.idNumber),
        cipher.hash(idNumber),
        maskIdNumber(idNumber),
        mobile ? cipher.encrypt(mobile, SEALED.mobile) : null,
        mobile ? cipher.hash(mobile) : null,
        mobile ? maskMobile(mobile) : null,
        row.id,
      ],
    );
  });
}

export async function decryptExistingRows(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  await forEachRow(runner, 'id_number_enc, mobile_enc', async (row) => {
    await runner.query('UPDATE person SET id_number = ?, mobile = ? WHERE id = ?', [
      cipher.decrypt(row.id_number_enc!, SEALED.idNumber),
      row.mobile_enc ? cipher.decrypt(row.mobile_enc, SEALED.mobile) : null,
      row.id,
    ]);
  });
}
