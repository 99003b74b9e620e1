import { createLogger, Role } from '@tongxin/common';
import { freshDatabase } from '../../../test/harness/database';
import { AccountService, ensureDemoAccounts, openIdentityDatabase } from '../src';

const ORG = '01900000-0000-7000-8000-000000000001';
const ORG2 = '01900000-0000-7000-8000-000000000003';
const PERSON = '01900000-0000-7000-8000-000000000002';
const passwords = { city: 'demo-city-1', district: 'demo-district-2', association: 'demo-association-3', analyst: 'demo-analyst-4', person: 'demo-person-5' };

it('ensureDemoAccounts creates one account of each role once, and points an existing one at a reloaded city', async () => {
  const db = freshDatabase();
  const opened = await openIdentityDatabase(db.config, createLogger('identity', 'silent'));
  try {
    const accounts = new AccountService(opened.dataSource);
    const first = await ensureDemoAccounts(accounts, { organizationId: ORG, personId: PERSON, passwords });
    expect(first.map((a) => [a.username, a.role, a.created])).toEqual([
      ['city', Role.CITY_ADMIN, true],
      ['lucheng', Role.DISTRICT_ADMIN, true],
      ['association', Role.ASSOCIATION_ADMIN, true],
      ['analyst', Role.ANALYST, true],
      ['person', Role.PERSON, true],
    ]);
    expect((await accounts.findByUsername('lucheng'))!.districtCode).toBe('330302');
    expect((await accounts.findByUsername('person'))!.personId).toBe(PERSON);
    expect(await accounts.signIn('lucheng', 'demo-district-2', '127.0.0.1')).toMatchObject({ ok: true });

    await accounts.setPassword('city', 'changed-by-admin');
    const again = await ensureDemoAccounts(accounts, { organizationId: ORG2, personId: PERSON, passwords });
    expect(again.every((a) => !a.created)).toBe(true);
    expect(await accounts.list()).toHaveLength(5);
    expect((await accounts.findByUsername('association'))!.organizationId).toBe(ORG2);
    expect(await accounts.signIn('city', 'changed-by-admin', '127.0.0.1')).toMatchObject({ ok: true });
  } finally {
    await opened.close();
    await db.drop(['identity']);
  }
});
