/**
 * `npm run -s user -- add|list|passwd|disable|enable …`: the accounts of the embedded identity
 * provider, in its own database (TONGXIN_DB, TONGXIN_DATA_DIR or MYSQL_*, as the platform's).
 */
import { createLogger, databaseConfigFromEnv, Env } from '@tongxin/common';
import { AccountEntity } from './account.entity';
import { AccountService, checkClaims, checkPassword, checkUsername } from './accounts';
import { openIdentityDatabase } from './database';
import { IdentityError } from './errors';

export const USER_USAGE = `用法：
  npm run -s user -- add --username 用户名 --role 角色 [--district 区划代码] [--org 组织编号] [--person 人员编号] --name 姓名 (--password-stdin | --password 密码)
  npm run -s user -- list
  npm run -s user -- passwd --username 用户名 (--password-stdin | --password 密码)
  npm run -s user -- disable --username 用户名
  npm run -s user -- enable --username 用户名
角色：CITY_ADMIN、DISTRICT_ADMIN（须 --district）、ASSOCIATION_ADMIN（须 --org）、ANALYST、PERSON（须 --person）`;

const VALUE_FLAGS: Readonly<Record<string, readonly string[]>> = {
  add: ['username', 'role', 'district', 'org', 'person', 'name', 'password'],
  list: [],
  passwd: ['username', 'password'],
  disable: ['username'],
  enable: ['username'],
};
const SWITCHES: Readonly<Record<string, readonly string[]>> = { add: ['password-stdin'], list: [], passwd: ['password-stdin'], disable: [], enable: [] };

function usage(problem: string): IdentityError {
  return new IdentityError('BAD_COMMAND', `${problem}\n${USER_USAGE}`);
}

/** The flags of one subcommand; anything it does not take is refused. */
function parse(command: string, args: readonly string[]): { values: Map<string, string>; switches: Set<string> } {
  const values = new Map<string, string>();
  const switches = new Set<string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const name = arg.startsWith('--') ? arg.slice(2) : null;
    if (name !== null && VALUE_FLAGS[command]!.includes(name)) {
      const value = args[i + 1];
      if (value === undefined || value.startsWith('--')) throw usage(`--${name} 后面缺少值`);
      if (values.has(name)) throw usage(`--${name} 只能给一次`);
      values.set(name, value);
      i += 1;
    } else if (name !== null && SWITCHES[command]!.includes(name)) switches.add(name);
    else throw usage(`${command} 不认识参数“${arg}”`);
  }
  return { values, switches };
}

function required(values: Map<string, string>, name: string): string {
  const value = values.get(name);
  if (value === undefined) throw usage(`缺少 --${name}`);
  return value;
}

async function passwordOf(parsed: ReturnType<typeof parse>, readStdin: () => Promise<string>): Promise<string> {
  const given = parsed.values.get('password');
  if (given !== undefined && parsed.switches.has('password-stdin')) throw usage('--password 与 --password-stdin 只能用一个');
  if (given === undefined && !parsed.switches.has('password-stdin')) throw usage('缺少密码：用 --password-stdin（从标准输入读）或 --password');
  const password = given ?? (await readStdin()).replace(/\r?\n$/, '');
  checkPassword(password);
  return password;
}

function describe(account: AccountEntity): string {
  const scope = account.districtCode ? `区县 ${account.districtCode}` : account.organizationId ? `组织 ${account.organizationId}` : account.personId ? `人员 ${account.personId}` : '全市';
  return `${account.role}，${scope}`;
}

function stateOf(account: AccountEntity, now: number): string {
  if (account.disabled) return '已停用';
  if (account.lockedUntil && account.lockedUntil.getTime() > now) return `锁定至 ${account.lockedUntil.toISOString()}`;
  return '正常';
}

/** Reads all of standard input (a password piped in). */
export async function readAllStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Runs the command for `args` (after `npm run -s user --`) and returns what it prints. Every
 * argument is checked before the database is touched: a refused command writes nothing. A
 * password is never printed.
 */
export async function userCommand(args: readonly string[], env: Env = process.env, readStdin: () => Promise<string> = readAllStdin): Promise<string> {
  const [command, ...rest] = args;
  if (!command || !(command in VALUE_FLAGS)) throw usage(command ? `没有子命令“${command}”` : '缺少子命令');
  const parsed = parse(command, rest);
  let run: (accounts: AccountService) => Promise<string>;
  if (command === 'add') {
    const username = checkUsername(required(parsed.values, 'username'));
    const claims = checkClaims({ role: required(parsed.values, 'role'), district: parsed.values.get('district'), org: parsed.values.get('org'), person: parsed.values.get('person') });
    const displayName = required(parsed.values, 'name');
    const password = await passwordOf(parsed, readStdin);
    run = async (accounts) => {
      const account = await accounts.add({ username, password, displayName, ...claims });
      return `已创建账号 ${account.username}（${describe(account)}）`;
    };
  } else if (command === 'list') {
    run = async (accounts) => {
      const now = Date.now();
      const rows = (await accounts.list()).map((a) => [a.username, a.role, a.districtCode ?? a.organizationId ?? a.personId ?? '', a.displayName, stateOf(a, now)].join('\t'));
      return ['用户名\t角色\t范围\t姓名\t状态', ...rows].join('\n');
    };
  } else if (command === 'passwd') {
    const username = checkUsername(required(parsed.values, 'username'));
    const password = await passwordOf(parsed, readStdin);
    run = async (accounts) => `已更新 ${(await accounts.setPassword(username, password)).username} 的密码`;
  } else {
    const username = checkUsername(required(parsed.values, 'username'));
    const disabled = command === 'disable';
    run = async (accounts) => `${disabled ? '已停用' : '已启用'}账号 ${(await accounts.setDisabled(username, disabled)).username}`;
  }
  const db = await openIdentityDatabase(databaseConfigFromEnv(env), createLogger('identity', 'warn'));
  try {
    return await run(new AccountService(db.dataSource));
  } finally {
    await db.close();
  }
}
