import { Role } from '@tongxin/common';
import { AccountService } from './accounts';

/** The demo city's accounts, one of each role (issue 16): username, role and name. */
export const DEMO_ACCOUNTS = [
  { key: 'city', username: 'city', role: Role.CITY_ADMIN, displayName: '市委统战部管理员' },
  { key: 'district', username: 'lucheng', role: Role.DISTRICT_ADMIN, displayName: '鹿城区管理员', district: '330302' },
  { key: 'association', username: 'association', role: Role.ASSOCIATION_ADMIN, displayName: '社团管理员' },
  { key: 'analyst', username: 'analyst', role: Role.ANALYST, displayName: '数据分析员' },
  { key: 'person', username: 'person', role: Role.PERSON, displayName: '登记人员' },
] as const;

export type DemoAccountKey = (typeof DEMO_ACCOUNTS)[number]['key'];

export interface DemoAccountsOptions {
  /** The association administrator's organization (one of the demo city's). */
  readonly organizationId: string;
  /** The registered person's id in the demo register. */
  readonly personId: string;
  /** Each demo account's password (8 characters or more). */
  readonly passwords: Readonly<Record<DemoAccountKey, string>>;
}

export interface DemoAccount {
  readonly username: string;
  readonly role: Role;
  readonly displayName: string;
  /** False when it existed already (its password is left as it was). */
  readonly created: boolean;
}

/**
 * Creates the five demo accounts that do not exist yet (a city administrator, the district
 * administrator of 鹿城区 330302, an association administrator of `organizationId`, an
 * analyst, the registered person `personId`); an existing one keeps its password and is
 * pointed at the given organization or person (a reloaded demo city has new ids).
 */
export async function ensureDemoAccounts(accounts: AccountService, opts: DemoAccountsOptions): Promise<DemoAccount[]> {
  const out: DemoAccount[] = [];
  for (const demo of DEMO_ACCOUNTS) {
    const claims = {
      role: demo.role,
      district: 'district' in demo ? demo.district : null,
      org: demo.role === Role.ASSOCIATION_ADMIN ? opts.organizationId : null,
      person: demo.role === Role.PERSON ? opts.personId : null,
    };
    const existing = await accounts.findByUsername(demo.username);
    if (existing) {
      await accounts.setClaims(demo.username, claims);
      out.push({ username: demo.username, role: demo.role, displayName: existing.displayName, created: false });
      continue;
    }
    await accounts.add({ username: demo.username, password: opts.passwords[demo.key], displayName: demo.displayName, ...claims });
    out.push({ username: demo.username, role: demo.role, displayName: demo.displayName, created: true });
  }
  return out;
}
