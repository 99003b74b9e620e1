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
    await runner.query('UPDATE person SET id_number_enc = ?, id_number_hash = ?, id_number_masked = ?, mobile_enc = ?, mobile_hash = ?, mobile_masked = ? WHERE id = ?', [
      cipher.encrypt(idNumber, SEALED.idNumber),
      cipher.hash(idNumber),
      maskIdNumber(idNumber),
      mobile ? cipher.encrypt(mobile, SEALED.mobile) : null,
      mobile ? cipher.hash(mobile) : null,
      mobile ? maskMobile(mobile) : null,
      row.id,
    ]);
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

/**
 * The data step of the ProtectBirthDate migrations (both dialects): the birth date, the ID
 * number's characters 7–14, is encrypted beside its year, and the stored masks are remade to show
 * what the new masks show (`33****************`, `138******78`): after it nothing stored in plain
 * narrows an ID number to fewer than a million candidates (docs/SECURITY.md).
 */
export async function protectBirthDates(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  await forEachRow(runner, 'birth_date, id_number_enc, mobile_enc', async (row) => {
    const birthDate = String(row.birth_date).slice(0, 10);
    await runner.query('UPDATE person SET birth_date_enc = ?, birth_year = ?, id_number_masked = ?, mobile_masked = ? WHERE id = ?', [
      cipher.encrypt(birthDate, SEALED.birthDate),
      Number(birthDate.slice(0, 4)),
      maskIdNumber(cipher.decrypt(row.id_number_enc!, SEALED.idNumber)),
      row.mobile_enc ? maskMobile(cipher.decrypt(row.mobile_enc, SEALED.mobile)) : null,
      row.id,
    ]);
  });
}

/** `down` of protectBirthDates: the plain birth date and the masks of before (first six and last four; first three and last four). */
export async function exposeBirthDates(runner: QueryRunner, cipher: PersonalDataCipher = personalDataCipherFromEnv(process.env)): Promise<void> {
  await forEachRow(runner, 'birth_date_enc, id_number_enc, mobile_enc', async (row) => {
    const idNumber = cipher.decrypt(row.id_number_enc!, SEALED.idNumber);
    const mobile = row.mobile_enc ? cipher.decrypt(row.mobile_enc, SEALED.mobile) : null;
    await runner.query('UPDATE person SET birth_date = ?, id_number_masked = ?, mobile_masked = ? WHERE id = ?', [
      cipher.decrypt(row.birth_date_enc!, SEALED.birthDate),
      idNumber.length === 18 ? `${idNumber.slice(0, 6)}********${idNumber.slice(14)}` : '*'.repeat(idNumber.length),
      mobile === null ? null : mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '*'.repeat(mobile.length),
      row.id,
    ]);
  });
}
