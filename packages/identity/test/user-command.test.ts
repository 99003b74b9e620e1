import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createLogger, databaseConfigToEnv } from '@tongxin/common';
import { freshDatabase } from '../../../test/harness/database';
import { AccountService, IdentityError, openIdentityDatabase, userCommand, verifyPassword } from '../src';

const ORG = '01900000-0000-7000-8000-000000000001';
const USER_JS = path.resolve(__dirname, '../../platform/dist/user.js');

describe('npm run user', () => {
  const db = freshDatabase();
  const env = { ...databaseConfigToEnv(db.config), LOG_LEVEL: 'silent' };
  const run = (args: string[], stdin = '') => userCommand(args, env, async () => stdin);
  const accounts = async () => {
    const opened = await openIdentityDatabase(db.config, createLogger('identity', 'silent'));
    try {
      return await new AccountService(opened.dataSource).list();
    } finally {
      await opened.close();
    }
  };

  afterAll(() => db.drop(['identity']));

  it('adds accounts of every role (password from stdin or --password) and lists them, never printing a password', async () => {
    const out = await run(['add', '--username', 'lucheng', '--role', 'DISTRICT_ADMIN', '--district', '330302', '--name', '鹿城区管理员', '--password-stdin'], 'stdin-password-1\n');
    expect(out).toBe('已创建账号 lucheng（DISTRICT_ADMIN，区县 330302）');
    await run(['add', '--username', 'Assoc', '--role', 'ASSOCIATION_ADMIN', '--org', ORG, '--name', '社团管理员', '--password', 'flag-password-2']);
    const list = await run(['list']);
    expect(list.split('\n')).toEqual(['用户名\t角色\t范围\t姓名\t状态', `assoc\tASSOCIATION_ADMIN\t${ORG}\t社团管理员\t正常`, 'lucheng\tDISTRICT_ADMIN\t330302\t鹿城区管理员\t正常']);
    expect(list).not.toContain('password');
    const [assoc, lucheng] = await accounts();
    expect(await verifyPassword('stdin-password-1', lucheng!.passwordHash)).toBe(true);
    expect(await verifyPassword('flag-password-2', assoc!.passwordHash)).toBe(true);
  });

  it('changes a password, disables and enables an account', async () => {
    expect(await run(['passwd', '--username', 'lucheng', '--password-stdin'], 'changed-password-3\n')).toBe('已更新 lucheng 的密码');
    expect(await verifyPassword('changed-password-3', (await accounts()).find((a) => a.username === 'lucheng')!.passwordHash)).toBe(true);
    expect(await run(['disable', '--username', 'lucheng'])).toBe('已停用账号 lucheng');
    expect(await run(['list'])).toContain('lucheng\tDISTRICT_ADMIN\t330302\t鹿城区管理员\t已停用');
    expect(await run(['enable', '--username', 'lucheng'])).toBe('已启用账号 lucheng');
    expect(await run(['list'])).toContain('lucheng\tDISTRICT_ADMIN\t330302\t鹿城区管理员\t正常');
  });

  const add = ['add', '--username', 'newbie', '--name', '新人', '--password', 'long-enough-pw'];
  it.each([
    ['an unknown role', [...add, '--role', 'KING'], 'BAD_ROLE', '角色“KING”不存在'],
    ['a district administrator without a district', [...add, '--role', 'DISTRICT_ADMIN'], 'BAD_DISTRICT', '区县管理员（DISTRICT_ADMIN）须指定所属区县'],
    ['a bad district code', [...add, '--role', 'DISTRICT_ADMIN', '--district', '110101'], 'BAD_DISTRICT', '区划代码“110101”不是本市的区县'],
    ['the city as a district', [...add, '--role', 'DISTRICT_ADMIN', '--district', '330300'], 'BAD_DISTRICT', '区划代码“330300”不是本市的区县'],
    ['an association administrator without an organization', [...add, '--role', 'ASSOCIATION_ADMIN'], 'BAD_ORGANIZATION', '须指定所属组织'],
    ['an organization id that is none', [...add, '--role', 'ASSOCIATION_ADMIN', '--org', '42'], 'BAD_ORGANIZATION', '组织编号“42”格式不对'],
    ['a person without their id', [...add, '--role', 'PERSON'], 'BAD_PERSON', '须指定本人在名册中的编号'],
    ['a district on another role', [...add, '--role', 'ANALYST', '--district', '330302'], 'BAD_DISTRICT', '只有区县管理员'],
    ['a duplicate username', ['add', '--username', 'LUCHENG', '--name', '重名', '--password', 'long-enough-pw', '--role', 'ANALYST'], 'USERNAME_TAKEN', '用户名“lucheng”已被使用'],
    ['a short password', ['add', '--username', 'newbie', '--name', '新人', '--password', 'short', '--role', 'ANALYST'], 'BAD_PASSWORD', '密码须为 8 到 200 个字符'],
    ['a bad username', ['add', '--username', 'a b', '--name', '新人', '--password', 'long-enough-pw', '--role', 'ANALYST'], 'BAD_USERNAME', '用户名“a b”不可用'],
    ['no password', ['add', '--username', 'newbie', '--name', '新人', '--role', 'ANALYST'], 'BAD_COMMAND', '缺少密码'],
    ['an unknown flag', [...add, '--role', 'ANALYST', '--admin'], 'BAD_COMMAND', 'add 不认识参数“--admin”'],
    ['an unknown subcommand', ['delete', '--username', 'lucheng'], 'BAD_COMMAND', '没有子命令“delete”'],
    ['passwd of nobody', ['passwd', '--username', 'nobody', '--password', 'long-enough-pw'], 'NO_SUCH_ACCOUNT', '没有用户名为“nobody”的账号'],
    ['disable of nobody', ['disable', '--username', 'nobody'], 'NO_SUCH_ACCOUNT', '没有用户名为“nobody”的账号'],
  ])('refuses %s with exit code 2 and a clear message, writing nothing', async (_name, args, code, message) => {
    const before = await accounts();
    const error = await run(args).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(IdentityError);
    expect(error).toMatchObject({ code, exitCode: 2 });
    expect((error as Error).message).toContain(message);
    expect(await accounts()).toEqual(before);
  });

  it('runs as a command: the password from standard input, exit code 2 and the message on stderr for a mistake', () => {
    const ok = spawnSync(process.execPath, [USER_JS, 'add', '--username', 'piped', '--role', 'ANALYST', '--name', '分析员', '--password-stdin'], {
      env: { ...process.env, ...env },
      input: 'piped-password-4\n',
      encoding: 'utf8',
    });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe('已创建账号 piped（ANALYST，全市）\n');
    expect(ok.status).toBe(0);
    const bad = spawnSync(process.execPath, [USER_JS, 'add', '--username', 'x-user', '--role', 'DISTRICT_ADMIN', '--name', 'x', '--password', 'long-enough-pw'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toContain('区县管理员（DISTRICT_ADMIN）须指定所属区县');
  });
});
