import { isCountyLevelCode, isId, isUniqueViolation, randomIds, Role } from '@tongxin/common';
import type { DataSource, Repository } from 'typeorm';
import { AccountEntity } from './account.entity';
import { IdentityError } from './errors';
import { DEFAULT_LOCKOUT, FailureCounter, LockoutPolicy } from './limiter';
import { decoyHash, hashPassword, needsRehash, PASSWORD_LENGTH, verifyPassword } from './passwords';

/** What an account is made from (the `user add` command, the demo accounts). */
export interface NewAccount {
  readonly username: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: string;
  readonly district?: string | null;
  readonly org?: string | null;
  readonly person?: string | null;
}

/** The claims of an account's access tokens, as README's "Tokens" names them. */
export interface AccountClaims {
  readonly role: Role;
  readonly district?: string;
  readonly org?: string;
  readonly person?: string;
}

export type SignInResult = { readonly ok: true; readonly account: AccountEntity } | { readonly ok: false; readonly reason: 'invalid' | 'locked' | 'disabled'; readonly lockedUntil?: Date };

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/** A username as it is stored and looked up: trimmed, lower case. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export function checkUsername(username: string): string {
  const name = normalizeUsername(username);
  if (!USERNAME.test(name)) throw new IdentityError('BAD_USERNAME', `用户名“${username}”不可用：须为 3 到 64 个字母、数字、点、下划线或连字符，以字母或数字开头`);
  return name;
}

export function checkPassword(password: string): void {
  if (password.length < PASSWORD_LENGTH.min || password.length > PASSWORD_LENGTH.max) {
    throw new IdentityError('BAD_PASSWORD', `密码须为 ${PASSWORD_LENGTH.min} 到 ${PASSWORD_LENGTH.max} 个字符`);
  }
}

/**
 * The claims of a role, checked as the services check a token's (packages/common's
 * TokenVerifier): a district administrator names one of the county-level districts, an
 * association administrator an organization id, a person their id in the register; no role
 * carries another role's claim.
 */
export function checkClaims(input: { role: string; district?: string | null; org?: string | null; person?: string | null }): AccountClaims {
  const roles = Object.values(Role) as string[];
  if (!roles.includes(input.role)) throw new IdentityError('BAD_ROLE', `角色“${input.role}”不存在：须为 ${roles.join('、')} 之一`);
  const role = input.role as Role;
  const district = input.district || undefined;
  const org = input.org || undefined;
  const person = input.person || undefined;
  if (role === Role.DISTRICT_ADMIN) {
    if (!district) throw new IdentityError('BAD_DISTRICT', '区县管理员（DISTRICT_ADMIN）须指定所属区县：--district 区划代码，如 330302');
    if (!isCountyLevelCode(district)) throw new IdentityError('BAD_DISTRICT', `区划代码“${district}”不是本市的区县（GB/T 2260，如 330302 鹿城区）`);
  } else if (district) throw new IdentityError('BAD_DISTRICT', '只有区县管理员（DISTRICT_ADMIN）有所属区县（--district）');
  if (role === Role.ASSOCIATION_ADMIN) {
    if (!org) throw new IdentityError('BAD_ORGANIZATION', '社团管理员（ASSOCIATION_ADMIN）须指定所属组织：--org 组织编号');
    if (!isId(org)) throw new IdentityError('BAD_ORGANIZATION', `组织编号“${org}”格式不对：须为 UUID`);
  } else if (org) throw new IdentityError('BAD_ORGANIZATION', '只有社团管理员（ASSOCIATION_ADMIN）有所属组织（--org）');
  if (role === Role.PERSON) {
    if (!person) throw new IdentityError('BAD_PERSON', '登记人员（PERSON）须指定本人在名册中的编号：--person 人员编号');
    if (!isId(person)) throw new IdentityError('BAD_PERSON', `人员编号“${person}”格式不对：须为 UUID`);
  } else if (person) throw new IdentityError('BAD_PERSON', '只有登记人员（PERSON）有本人编号（--person）');
  return { role, ...(district ? { district } : {}), ...(org ? { org } : {}), ...(person ? { person } : {}) };
}

export function claimsOf(account: AccountEntity): AccountClaims {
  return checkClaims({ role: account.role, district: account.districtCode, org: account.organizationId, person: account.personId });
}

function checkDisplayName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > 100) throw new IdentityError('BAD_NAME', '姓名（--name）须为 1 到 100 个字符');
  return trimmed;
}

/**
 * The accounts of the embedded identity provider, in their own table (`account`) of the
 * identity's own database, and the rule of signing in: a password checked against its scrypt
 * hash, failed attempts limited by username and by client address (LockoutPolicy).
 */
export class AccountService {
  private readonly repo: Repository<AccountEntity>;
  private readonly failures: FailureCounter;

  constructor(
    dataSource: DataSource,
    readonly lockout: LockoutPolicy = DEFAULT_LOCKOUT,
    private readonly now: () => number = Date.now,
  ) {
    this.repo = dataSource.getRepository(AccountEntity);
    this.failures = new FailureCounter(lockout);
  }

  /** Checks everything first: a refused account writes nothing. */
  async add(input: NewAccount): Promise<AccountEntity> {
    const username = checkUsername(input.username);
    const displayName = checkDisplayName(input.displayName);
    const claims = checkClaims(input);
    checkPassword(input.password);
    if (await this.repo.existsBy({ username })) throw this.taken(username);
    const account = this.repo.create({
      id: randomIds.next(),
      username,
      passwordHash: await hashPassword(input.password),
      displayName,
      role: claims.role,
      districtCode: claims.district ?? null,
      organizationId: claims.org ?? null,
      personId: claims.person ?? null,
      disabled: false,
      failedAttempts: 0,
      firstFailedAt: null,
      lockedUntil: null,
    });
    try {
      return await this.repo.save(account);
    } catch (error) {
      if (isUniqueViolation(error)) throw this.taken(username);
      throw error;
    }
  }

  private taken(username: string): IdentityError {
    return new IdentityError('USERNAME_TAKEN', `用户名“${username}”已被使用`);
  }

  list(): Promise<AccountEntity[]> {
    return this.repo.find({ order: { username: 'ASC' } });
  }

  findById(id: string): Promise<AccountEntity | null> {
    return this.repo.findOneBy({ id });
  }

  findByUsername(username: string): Promise<AccountEntity | null> {
    return this.repo.findOneBy({ username: normalizeUsername(username) });
  }

  private async existing(username: string): Promise<AccountEntity> {
    const account = await this.findByUsername(username);
    if (!account) throw new IdentityError('NO_SUCH_ACCOUNT', `没有用户名为“${normalizeUsername(username)}”的账号`);
    return account;
  }

  async setPassword(username: string, password: string): Promise<AccountEntity> {
    checkPassword(password);
    const account = await this.existing(username);
    account.passwordHash = await hashPassword(password);
    return this.repo.save(account);
  }

  /** Gives an account another role or scope (checked as `add` checks them); unchanged claims write nothing. */
  async setClaims(username: string, input: { role: string; district?: string | null; org?: string | null; person?: string | null }): Promise<AccountEntity> {
    const claims = checkClaims(input);
    const account = await this.existing(username);
    const next = { role: claims.role, districtCode: claims.district ?? null, organizationId: claims.org ?? null, personId: claims.person ?? null };
    if (account.role === next.role && account.districtCode === next.districtCode && account.organizationId === next.organizationId && account.personId === next.personId) return account;
    return this.repo.save(Object.assign(account, next));
  }

  /** Disables or enables an account; enabling also lifts a lock. */
  async setDisabled(username: string, disabled: boolean): Promise<AccountEntity> {
    const account = await this.existing(username);
    account.disabled = disabled;
    if (!disabled) {
      account.failedAttempts = 0;
      account.firstFailedAt = null;
      account.lockedUntil = null;
      this.failures.reset(`user:${account.username}`);
    }
    return this.repo.save(account);
  }

  /**
   * One sign-in attempt from `address`. An unknown username costs the same hashing time as a
   * known one and is counted and locked the same way, so no answer tells whether it exists; a
   * locked username or address is refused without looking at the password.
   */
  async signIn(usernameInput: string, password: string, address: string): Promise<SignInResult> {
    const now = this.now();
    const username = normalizeUsername(usernameInput).slice(0, 64);
    const userKey = `user:${username}`;
    const addressKey = `addr:${address}`;
    const lockedInMemory = Math.max(this.failures.lockedUntil(userKey, now), this.failures.lockedUntil(addressKey, now));
    if (lockedInMemory) return { ok: false, reason: 'locked', lockedUntil: new Date(lockedInMemory) };
    const account = username ? await this.repo.findOneBy({ username }) : null;
    if (account?.lockedUntil && account.lockedUntil.getTime() > now) return { ok: false, reason: 'locked', lockedUntil: account.lockedUntil };
    const matches = await verifyPassword(password.slice(0, PASSWORD_LENGTH.max), account?.passwordHash ?? (await decoyHash()));
    if (account && matches) {
      if (account.disabled) return { ok: false, reason: 'disabled' };
      this.failures.reset(userKey);
      if (account.failedAttempts !== 0 || account.lockedUntil || needsRehash(account.passwordHash)) {
        const changes: Partial<AccountEntity> = { failedAttempts: 0, firstFailedAt: null, lockedUntil: null };
        if (needsRehash(account.passwordHash)) changes.passwordHash = await hashPassword(password);
        await this.repo.update({ id: account.id }, changes);
      }
      return { ok: true, account };
    }
    this.failures.fail(addressKey, this.lockout.maxFailuresPerAddress, now);
    this.failures.fail(userKey, this.lockout.maxFailures, now);
    if (account) await this.countFailure(account, now);
    return { ok: false, reason: 'invalid' };
  }

  /** The account's own counters, so that a lock outlives a restart of the provider. */
  private async countFailure(account: AccountEntity, now: number): Promise<void> {
    const inWindow = account.firstFailedAt && now - account.firstFailedAt.getTime() <= this.lockout.windowSeconds * 1000;
    const count = (inWindow ? account.failedAttempts : 0) + 1;
    const changes: Partial<AccountEntity> =
      count >= this.lockout.maxFailures
        ? { failedAttempts: 0, firstFailedAt: null, lockedUntil: new Date(now + this.lockout.lockSeconds * 1000) }
        : { failedAttempts: count, firstFailedAt: inWindow ? account.firstFailedAt : new Date(now) };
    await this.repo.update({ id: account.id }, changes);
  }
}
