import { makeIdNumber, Role } from '@tongxin/common';
import { readPersonSheet } from '@tongxin/persons';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 4, parts 1, 2 and 6 through the gateway: the registration-form import (every bad row
 * kind reported by row and column, all or nothing, re-import), the export and its round trip,
 * and personStats against a direct count of the test's own rows.
 */

const IMPORT = `mutation($rows: [PersonImportRow!]!, $dryRun: Boolean) {
  importPersons(rows: $rows, dryRun: $dryRun) { written registered alreadyRegistered alreadyRegisteredRows errors { row column message } }
}`;
const EXPORT = `query($f: PersonFilter) { exportPersons(filter: $f) { fileName base64 rowCount } }`;
const STATS = `query($g: [PersonStatsDimension!]!, $f: PersonFilter) { personStats(groupBy: $g, filter: $f) { district { code } category politicalAffiliation returnee count } }`;
const COUNT = `query($f: PersonFilter) { persons(filter: $f, first: 1) { totalCount } }`;

// The test's own persons: employer 同心导入测试所 marks them (the text filter finds them).
const MARK = '同心导入测试所';
let seq = 0;
const wrongCheckCharacter = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
function row(overrides: Record<string, string | null> = {}): Record<string, string | null> {
  seq += 1;
  return {
    name: '周敏',
    idNumber: makeIdNumber('330381', '1979-11-12', 2 * seq),
    politicalAffiliation: '民建会员',
    category: '私营企业主',
    profession: '企业主',
    employer: MARK,
    district: '瑞安市',
    street: null,
    returnee: '否',
    ...overrides,
  };
}

describe('the register in bulk, through the gateway', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(async () => {
    await platform?.stop();
  });
  const total = async () => expectData(await platform.request(COUNT, { f: { text: MARK } })).persons.totalCount as number;

  it('imports all or nothing, reports each bad row kind by row and column, and skips rows registered already', async () => {
    const good = [
      row(),
      row({ district: '330302', street: '五马街道', community: '锦绣社区' }),
      row({ returnee: '是', returneeCountry: '日本', category: '民营科技企业创业人员和技术人员', profession: '技术人员' }),
    ];
    const bad: [Record<string, string | null>, string][] = [
      [{ idNumber: wrongCheckCharacter(makeIdNumber('330381', '1979-11-12', 998)) }, '身份证号'],
      [{ idNumber: '33****************' }, '身份证号'],
      [{ gender: '男' }, '性别'],
      [{ politicalAffiliation: '团员' }, '政治面貌'],
      [{ category: null }, '类别'],
      [{ profession: '律师' }, '职业'],
      [{ district: '余杭区' }, '所在区县'],
      [{ street: '五马街道' }, '街道'],
      [{ returneeCountry: '日本' }, '留学国家'],
      [{ mobile: '12345' }, '手机号'],
      [{ registeredOn: '2100-01-01' }, '登记日期'],
    ];
    const before = await total();
    const mixed = expectData(await platform.request(IMPORT, { rows: [...good, ...bad.map(([o]) => row(o))] })).importPersons;
    expect(mixed.written).toBe(false);
    expect(mixed.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual(bad.map(([, column], i) => [good.length + 2 + i, column]));
    expect(await total()).toBe(before);

    const first = expectData(await platform.request(IMPORT, { rows: good })).importPersons;
    expect(first).toMatchObject({ written: true, registered: 3, alreadyRegistered: 0, errors: [] });
    expect(await total()).toBe(before + 3);
    const again = expectData(await platform.request(IMPORT, { rows: [...good, row()] })).importPersons;
    expect(again).toMatchObject({ written: true, registered: 1, alreadyRegistered: 3, alreadyRegisteredRows: [2, 3, 4], errors: [] });
    expect(await total()).toBe(before + 4);
  });

  it('imports a whole sheet of 10,000 rows in one request, all or nothing (the gateway takes up to 8 MiB)', async () => {
    const WHOLE = '同心整表导入测试所';
    const count = async () => expectData(await platform.request(COUNT, { f: { text: WHOLE } })).persons.totalCount as number;
    // Unique numbers: 20 birth days × 500 sequence numbers, none used by the other tests (born 1979).
    const rows = Array.from({ length: 10_000 }, (_, i) => row({ employer: WHOLE, idNumber: makeIdNumber('330381', `1985-03-${String(1 + Math.floor(i / 500)).padStart(2, '0')}`, i % 500) }));
    const body = JSON.stringify({ query: IMPORT, variables: { rows } });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    // One bad row among them: nothing is written.
    const refused = expectData(
      await platform.request(IMPORT, { rows: [...rows.slice(0, 9_999), row({ employer: WHOLE, politicalAffiliation: '团员', idNumber: makeIdNumber('330381', '1985-04-01', 1) })] }),
    ).importPersons;
    expect(refused.written).toBe(false);
    expect(refused.errors).toEqual([{ row: 10_001, column: '政治面貌', message: expect.any(String) }]);
    expect(await count()).toBe(0);
    const report = expectData(await platform.request(IMPORT, { rows })).importPersons;
    expect(report).toMatchObject({ written: true, registered: 10_000, alreadyRegistered: 0, errors: [] });
    expect(await count()).toBe(10_000);
  });

  it('exports a filtered list that reads back with the same headers; its masked rows are reported, not written', async () => {
    const file = expectData(await platform.request(EXPORT, { f: { text: MARK } })).exportPersons;
    expect(file.rowCount).toBe(await total());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-gw-export-'));
    const out = path.join(dir, 'export.xlsx');
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    const sheet = await readPersonSheet(out);
    expect(sheet.ignoredColumns).toEqual([]);
    expect(sheet.rows).toHaveLength(file.rowCount);
    expect(sheet.rows.every((r) => r.employer === MARK && /\*{8}/.test(r.idNumber!))).toBe(true);
    const before = await total();
    const report = expectData(await platform.request(IMPORT, { rows: sheet.rows })).importPersons;
    expect(report.written).toBe(false);
    expect(new Set(report.errors.map((e: { column: string }) => e.column))).toEqual(new Set(['身份证号']));
    expect(await total()).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('counts the register as a direct count of the test’s own rows does, and limits a district administrator to their district', async () => {
    const nodes = expectData(
      await platform.request(`query($f: PersonFilter) { persons(filter: $f, first: 100) { edges { node { district { code } politicalAffiliation returnee } } } }`, { f: { text: MARK } }),
    ).persons.edges.map((e: { node: { district: { code: string }; politicalAffiliation: string; returnee: boolean } }) => e.node);
    const direct = new Map<string, number>();
    for (const n of nodes) {
      const k = `${n.district.code}|${n.politicalAffiliation}|${n.returnee}`;
      direct.set(k, (direct.get(k) ?? 0) + 1);
    }
    const stats = expectData(await platform.request(STATS, { g: ['DISTRICT', 'POLITICAL_AFFILIATION', 'RETURNEE'], f: { text: MARK } })).personStats;
    expect(
      new Map(
        stats.map((s: { district: { code: string }; politicalAffiliation: string; returnee: boolean; count: number }) => [`${s.district.code}|${s.politicalAffiliation}|${s.returnee}`, s.count]),
      ),
    ).toEqual(direct);

    const district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: '330302' })}` };
    const own = expectData(await platform.request(STATS, { g: ['DISTRICT'], f: { text: MARK } }, district)).personStats;
    expect(own).toEqual([expect.objectContaining({ district: { code: '330302' }, count: nodes.filter((n: { district: { code: string } }) => n.district.code === '330302').length })]);
    const person = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: '01900000-0000-7000-8000-000000000001' })}` };
    expect(errorCodes(await platform.request(STATS, { g: ['DISTRICT'] }, person))).toEqual(['FORBIDDEN']);
  });
});
