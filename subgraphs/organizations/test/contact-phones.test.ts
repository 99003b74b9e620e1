import { createLogger, openDatabase, personalDataCipherFromEnv } from '@tongxin/common';
import { organizationsSubgraph, SEALED_CONTACT_PHONE } from '@tongxin/organizations';
import { freshDatabase } from '../../../test/harness/database';

/**
 * Member units' contact phones, stored in plain before, are encrypted, hashed and masked by the
 * SealContactPhones migration (issue 14 §1), and decrypted back by its down.
 */
describe('the SealContactPhones migration', () => {
  it('seals the plain phones of existing rows (ciphertext, a hash bound to the column, the mask), and its down restores them', async () => {
    const db = freshDatabase();
    const log = createLogger('organizations', 'silent');
    const migrations = organizationsSubgraph.migrations;
    const dialect = db.config.type;
    const index = migrations[dialect].findIndex((m) => m.name.startsWith('SealContactPhones'));
    expect(index).toBeGreaterThan(0);
    const cipher = personalDataCipherFromEnv(process.env);
    const rows = [
      ['01900000-0000-7000-8000-000000000011', '0577-88960000', '0577-******00'],
      ['01900000-0000-7000-8000-000000000012', '13612345678', '136******78'],
      ['01900000-0000-7000-8000-000000000013', null, null],
    ] as const;
    try {
      const before = await openDatabase(db.config, { ...organizationsSubgraph, migrations: { ...migrations, [dialect]: migrations[dialect].slice(0, index) } }, log);
      for (const [id, phone] of rows) {
        await before.dataSource.query(
          "INSERT INTO organization (id, name, kind, level, district_code, version, unit_role, contact_name, contact_phone) VALUES (?, '鹿城区人力社保局', 'JOINT_MEETING_MEMBER_UNIT', 'DISTRICT', '330302', 1, 'MEMBER', '陈志强', ?)",
          [id, phone],
        );
      }
      await before.close();

      const after = await openDatabase(db.config, organizationsSubgraph, log);
      const sealed: Record<string, string | null>[] = await after.dataSource.query('SELECT * FROM organization ORDER BY id');
      for (const [i, [, phone, masked]] of rows.entries()) {
        const row = sealed[i]!;
        expect(row.contact_phone).toBeUndefined();
        expect(row.contact_phone_masked).toBe(masked);
        if (phone === null) {
          expect([row.contact_phone_enc, row.contact_phone_hash]).toEqual([null, null]);
          continue;
        }
        expect(cipher.decrypt(row.contact_phone_enc!, SEALED_CONTACT_PHONE)).toBe(phone);
        expect(row.contact_phone_hash).toMatch(/^[0-9a-f]{64}$/);
        // Bound to its column: not the hash a person's mobile of the same number gets.
        expect(row.contact_phone_hash).not.toBe(cipher.hash(phone));
        expect(JSON.stringify(row)).not.toContain(phone.slice(-6));
      }

      for (let i = index; i < migrations[dialect].length; i++) await after.dataSource.undoLastMigration({ transaction: 'each' });
      const restored: Record<string, string | null>[] = await after.dataSource.query('SELECT * FROM organization ORDER BY id');
      expect(restored.map((r) => r.contact_phone)).toEqual(rows.map(([, phone]) => phone));
      expect(restored[0]!.contact_phone_enc).toBeUndefined();
      await after.close();
    } finally {
      await db.drop(['organizations']);
    }
  });
});
