import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { AuditLog, makeIdNumber, Role, systemContext, TransactionalConnection } from '@tongxin/common';
import { PERSON_COLUMNS, PersonExportService, personsSubgraph, PersonsServices, readPersonSheet } from '@tongxin/persons';
import ExcelJS from 'exceljs';
import { tokenFor } from '../../../test/harness/auth';
import { errorCodes, expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The registration form in bulk: import of a department's sheet (rows of text under Chinese
 * headers), export of the register and of a community ledger, and personStats.
 */

const IMPORT = `mutation($rows: [PersonImportRow!]!, $dryRun: Boolean) {
  importPersons(rows: $rows, dryRun: $dryRun) { dryRun written rowCount registered alreadyRegistered alreadyRegisteredRows errors { row column message } }
}`;
const EXPORT = `query($f: PersonFilter) { exportPersons(filter: $f) { fileName contentType base64 rowCount } }`;
const LEDGER = `query($s: String!, $c: String!) { exportCommunityLedger(streetCode: $s, community: $c) { fileName base64 rowCount } }`;
const COUNT = `query($f: PersonFilter) { persons(filter: $f, first: 1) { totalCount } }`;
const STATS = `query($g: [PersonStatsDimension!]!, $f: PersonFilter) {
  personStats(groupBy: $g, filter: $f) { district { code } street { code } category profession politicalAffiliation returnee count }
}`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 100) { edges { node { action outcome detail } } } }`;

let seq = 0;
const wrongCheckCharacter = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
/** A good sheet row, as a department writes it (labels and names, not codes). */
function sheetRow(overrides: Record<string, string | null> = {}): Record<string, string | null> {
  seq += 1;
  const day = 6 + Math.floor(seq / 500); // 500 men per birth date
  return {
    name: '林晓',
    idNumber: makeIdNumber('330302', `1984-05-${String(day).padStart(2, '0')}`, 2 * (seq % 500) + 1),
    gender: '男',
    birthDate: `1984/5/${day}`,
    ethnicity: '汉族',
    politicalAffiliation: '无党派人士',
    education: '本科',
    category: '中介组织从业人员',
    profession: '律师',
    employer: '瓯江律师事务所',
    position: '合伙人律师',
    returnee: '否',
    returneeCountry: null,
    district: '鹿城区',
    street: '五马街道',
    community: '锦绣社区',
    mobile: '138 0000 1234',
    registeredOn: '2023年3月1日',
    ...overrides,
  };
}

describe('import, export and statistics of the register', () => {
  let sg: TestSubgraph<PersonsServices>;
  const bearer = async (claims: Parameters<typeof tokenFor>[0]) => ({ authorization: `Bearer ${await tokenFor(claims)}` });
  let district: Record<string, string>;
  let analyst: Record<string, string>;
  let person: Record<string, string>;
  let association: Record<string, string>;
  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    district = await bearer({ role: Role.DISTRICT_ADMIN, district: '330302' });
    analyst = await bearer({ role: Role.ANALYST });
    person = await bearer({ role: Role.PERSON, person: '01900000-0000-7000-8000-000000000001' });
    association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: '01900000-0000-7000-8000-000000000002' });
  });
  afterAll(async () => {
    await sg?.stop();
  });

  const total = async (f: Record<string, unknown> = {}) => expectData(await sg.request(COUNT, { f })).persons.totalCount as number;
  const importRows = async (rows: unknown[], dryRun = false, headers?: Record<string, string>) => sg.request(IMPORT, { rows, dryRun }, headers);
  const auditEvents = async (action: string) => expectData(await sg.request(AUDIT, { f: { subgraph: 'persons', action } })).auditEvents.edges.map((e: { node: unknown }) => e.node);

  it('imports labels and names as the form’s values, and a second import of the same rows registers nobody twice', async () => {
    const rows = [
      sheetRow(),
      sheetRow({ politicalAffiliation: '中共党员', category: '个体户', profession: null, street: '330302024', community: null }),
      sheetRow({ district: '330303', street: '永中街道', returnee: '是', returneeCountry: '英国', politicalAffiliation: '民革党员' }),
    ];
    const before = await total();
    const eventsBefore = (await auditEvents('importPersons')).length;
    const first = expectData(await importRows(rows)).importPersons;
    expect(first).toEqual({ dryRun: false, written: true, rowCount: 3, registered: 3, alreadyRegistered: 0, alreadyRegisteredRows: [], errors: [] });
    expect(await total()).toBe(before + 3);
    const read = expectData(
      await sg.request(
        `query($f: PersonFilter) { persons(filter: $f, first: 10) { edges { node { politicalAffiliation category gender birthDate returnee returneeCountry street { code } mobile registeredOn } } } }`,
        {
          f: { text: rows[2]!.idNumber },
        },
      ),
    ).persons.edges[0].node;
    expect(read).toEqual({
      politicalAffiliation: 'RCCK',
      category: 'INTERMEDIARY',
      gender: 'MALE',
      birthDate: '1984-05-06',
      returnee: true,
      returneeCountry: '英国',
      street: { code: '330303001' },
      mobile: '138******34',
      registeredOn: '2023-03-01',
    });

    const again = expectData(await importRows([...rows, sheetRow()])).importPersons;
    expect(again).toMatchObject({ written: true, registered: 1, alreadyRegistered: 3, alreadyRegisteredRows: [2, 3, 4], errors: [] });
    expect(await total()).toBe(before + 4);
    const events = await auditEvents('importPersons');
    expect(events.length).toBe(eventsBefore + 2);
    expect(events[0]).toEqual({ action: 'importPersons', outcome: 'SUCCEEDED', detail: '4 rows: 1 registered, 3 registered already, 0 errors' });
    // Each row found registered confirms an ID number: audited with the record it matched, dry runs too.
    const matchesBefore = (await auditEvents('importMatch')).length;
    expectData(await importRows(rows.slice(0, 2), true));
    const matches = await auditEvents('importMatch');
    expect(matches.length).toBe(matchesBefore + 2);
    expect(
      matches
        .slice(0, 2)
        .map((m: { detail: string }) => m.detail)
        .sort(),
    ).toEqual(['row 2, dry run', 'row 3, dry run']);
  });

  const badRows: [string, Record<string, string | null>, string][] = [
    ['a missing name', { name: null }, '姓名'],
    ['a wrong check character', { idNumber: wrongCheckCharacter(makeIdNumber('330302', '1984-05-06', 3)) }, '身份证号'],
    ['a 15-digit number', { idNumber: '330302840506123' }, '身份证号'],
    ['a masked ID number (an export’s)', { idNumber: '33****************' }, '身份证号'],
    ['a masked ID number (an older export’s)', { idNumber: '330302********1234' }, '身份证号'],
    ['a missing ID number', { idNumber: null }, '身份证号'],
    ['a gender the ID number contradicts', { gender: '女' }, '性别'],
    ['an unknown gender', { gender: '未知' }, '性别'],
    ['a birth date the ID number contradicts', { birthDate: '1984-04-30' }, '出生日期'],
    ['an unreadable birth date', { birthDate: '五月六日' }, '出生日期'],
    ['an unknown ethnicity', { ethnicity: '火星族' }, '民族'],
    ['an unknown political affiliation', { politicalAffiliation: '共青团员' }, '政治面貌'],
    ['a missing political affiliation', { politicalAffiliation: null }, '政治面貌'],
    ['an unknown education', { education: '幼儿园' }, '学历'],
    ['an unknown category', { category: '公务员' }, '类别'],
    ['a missing category', { category: null }, '类别'],
    ['an unknown profession', { profession: '厨师' }, '职业'],
    ['a profession outside the category', { profession: '经纪人' }, '职业'],
    ['an over-long employer', { employer: '公'.repeat(101) }, '工作单位'],
    ['an over-long position', { position: '职'.repeat(51) }, '职务'],
    ['a returnee flag that is neither yes nor no', { returnee: '可能' }, '是否归国留学'],
    ['a returnee without a country', { returnee: '是' }, '留学国家'],
    ['a country without the returnee flag', { returneeCountry: '美国' }, '留学国家'],
    ['an unknown district', { district: '杭州市', street: null, community: null }, '所在区县'],
    ['the city as district', { district: '330300', street: null, community: null }, '所在区县'],
    ['a missing district', { district: null, street: null, community: null }, '所在区县'],
    ['a street of another district', { street: '永中街道' }, '街道'],
    ['a street code of another district', { street: '330303001' }, '街道'],
    ['an unknown street code', { street: '330302999' }, '街道'],
    ['a community without a street', { street: null }, '社区'],
    ['an over-long community', { community: '社'.repeat(51) }, '社区'],
    ['a malformed mobile number', { mobile: '2345' }, '手机号'],
    ['a masked mobile number', { mobile: '138******34' }, '手机号'],
    ['a masked mobile number (an older export’s)', { mobile: '138****1234' }, '手机号'],
    ['a registration date in the future', { registeredOn: '2999-01-01' }, '登记日期'],
    ['a registration date before the birth date', { registeredOn: '2001-01-01', idNumber: makeIdNumber('330302', '2005-01-01', 901), birthDate: null }, '登记日期'],
  ];
  it.each(badRows)('reports %s by row and column, and writes none of the file', async (_label, overrides, column) => {
    const before = await total();
    const rows = [sheetRow(), sheetRow(overrides), sheetRow()];
    const report = expectData(await importRows(rows)).importPersons;
    expect(report).toMatchObject({ written: false, rowCount: 3, registered: 2 });
    expect(report.errors).toEqual([{ row: 3, column, message: expect.stringMatching(new RegExp(`^${column} `)) }]);
    expect(await total()).toBe(before);
  });

  it('reports a repeated ID number within the file and every bad row at once', async () => {
    const twin = sheetRow();
    const rows = [twin, sheetRow({ name: null }), { ...twin, rowNumber: 7 }, sheetRow({ category: '公务员', mobile: '1' })];
    const report = expectData(await importRows(rows)).importPersons;
    expect(report.errors.map((e: { row: number; column: string }) => [e.row, e.column])).toEqual([
      [3, '姓名'],
      [7, '身份证号'],
      [5, '类别'],
      [5, '手机号'],
    ]);
    expect(report.errors[1].message).toBe('身份证号 repeats the ID number of row 2');
  });

  it('checks a dry run as a real import and writes nothing', async () => {
    const before = await total();
    const report = expectData(await importRows([sheetRow(), sheetRow()], true)).importPersons;
    expect(report).toMatchObject({ dryRun: true, written: false, registered: 2, errors: [] });
    expect(await total()).toBe(before);
  });

  it("treats a district administrator's row of another district as a row error; refuses the other roles", async () => {
    const before = await total({ statuses: ['ACTIVE', 'MOVED_AWAY', 'ARCHIVED'] });
    const own = expectData(await importRows([sheetRow()], false, district)).importPersons;
    expect(own).toMatchObject({ written: true, registered: 1 });
    const mixed = expectData(await importRows([sheetRow(), sheetRow({ district: '龙湾区', street: null, community: null })], false, district)).importPersons;
    expect(mixed.written).toBe(false);
    expect(mixed.errors).toEqual([{ row: 3, column: '所在区县', message: '所在区县 A district administrator of 鹿城区 (330302) can register persons of their own district only' }]);
    for (const headers of [analyst, person, association]) {
      const refusedBefore = (await auditEvents('importPersons')).filter((e: { outcome: string }) => e.outcome === 'REFUSED').length;
      const res = await importRows([sheetRow()], false, headers);
      expect(errorCodes(res)).toEqual(['FORBIDDEN']);
      expect((await auditEvents('importPersons')).filter((e: { outcome: string }) => e.outcome === 'REFUSED').length).toBe(refusedBefore + 1);
    }
    expect(await total({ statuses: ['ACTIVE', 'MOVED_AWAY', 'ARCHIVED'] })).toBe(before + 1);
  });

  it('reads .csv (with BOM, with a title row and an unknown column) and .xlsx sheets by their Chinese headers', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-import-'));
    const headers = ['序号', ...PERSON_COLUMNS.map((c) => c.header)];
    const a = sheetRow();
    const b = sheetRow({ employer: '瓯江, "东海" 事务所' });
    const csvCell = (v: string | null | undefined) => (v == null ? '' : /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
    const lines = ['温州市新的社会阶层人士登记表', headers.join(','), ...[a, b].map((r, i) => [String(i + 1), ...PERSON_COLUMNS.map((c) => csvCell(r[c.field]))].join(','))];
    const csv = path.join(dir, 'form.csv');
    fs.writeFileSync(csv, `\uFEFF${lines.join('\r\n')}\r\n`);
    const sheet = await readPersonSheet(csv);
    expect(sheet.errors).toEqual([]);
    expect(sheet.ignoredColumns).toEqual(['序号']);
    expect(sheet.rows).toHaveLength(2);
    expect(sheet.rows[0]).toMatchObject({ rowNumber: 3, name: '林晓', idNumber: a.idNumber, district: '鹿城区' });
    expect(sheet.rows[1]).toMatchObject({ rowNumber: 4, employer: '瓯江, "东海" 事务所' });

    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('登记表');
    ws.addRow(headers);
    ws.addRow(['1', ...PERSON_COLUMNS.map((c) => (c.field === 'birthDate' ? new Date(Date.UTC(1984, 4, 6)) : a[c.field]))]);
    ws.addRow(['2', ...PERSON_COLUMNS.map((c) => (c.field === 'idNumber' ? 330302198405061000 : b[c.field]))]);
    const xlsx = path.join(dir, 'form.xlsx');
    await workbook.xlsx.writeFile(xlsx);
    const read = await readPersonSheet(xlsx);
    expect(read.rows[0]).toMatchObject({ rowNumber: 2, birthDate: '1984-05-06', idNumber: a.idNumber });
    expect(read.errors).toEqual([{ row: 3, column: '身份证号', message: expect.stringContaining('stored as a number') }]);

    fs.writeFileSync(path.join(dir, 'bad.csv'), '姓名,性别,民族\n林晓,男,汉族\n');
    expect((await readPersonSheet(path.join(dir, 'bad.csv'))).errors.map((e) => e.column)).toEqual(['政治面貌', '类别', '所在区县', '身份证号']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('imports 10,000 rows in one transaction through the service', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) =>
      sheetRow({ idNumber: makeIdNumber('330327', `19${60 + Math.floor(i / 1000)}-01-01`, i % 1000), gender: null, birthDate: null, name: `导入${String.fromCharCode(0x4e00 + (i % 500))}` }),
    );
    const before = await total();
    const { result: report, statements } = await sg.statements(() => sg.running.services.personImport.importRows(systemContext(), rows, false));
    expect(report).toMatchObject({ written: true, rowCount: 10_000, registered: 10_000, errors: [] });
    expect(await total()).toBe(before + 10_000);
    // BEGIN, 20 look-ups of 500 hashes, 20 INSERTs of 500 rows, 20 INSERTs of their outbox
    // events (docs/CROSS-DISTRICT.md), the audit event, COMMIT.
    expect(statements).toBe(1 + 20 + 20 + 20 + 1 + 1);
  });

  it('exports a filtered list with the import’s headers and masked numbers; the file re-imports as reported rows, nothing written', async () => {
    const f = { districtCode: '330303' };
    const expected = await total(f);
    const file = expectData(await sg.request(EXPORT, { f })).exportPersons;
    expect(file).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rowCount: expected });
    expect(file.fileName).toMatch(/^登记表-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tongxin-export-'));
    const out = path.join(dir, file.fileName);
    fs.writeFileSync(out, Buffer.from(file.base64, 'base64'));
    const sheet = await readPersonSheet(out);
    expect(sheet.errors).toEqual([]);
    expect(sheet.ignoredColumns).toEqual([]);
    expect(sheet.rows).toHaveLength(expected);
    expect(sheet.rows[0]).toMatchObject({ rowNumber: 2, idNumber: expect.stringMatching(/^\d{2}\*{16}$/), district: '龙湾区', birthDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    const before = await total();
    const report = expectData(await importRows(sheet.rows)).importPersons;
    expect(report.written).toBe(false);
    expect(report.errors.filter((e: { column: string }) => e.column === '身份证号')).toHaveLength(expected);
    expect(await total()).toBe(before);

    // An analyst's export: no birth dates; a district administrator's of another district: FORBIDDEN.
    const asAnalyst = expectData(await sg.request(EXPORT, { f }, analyst)).exportPersons;
    fs.writeFileSync(out, Buffer.from(asAnalyst.base64, 'base64'));
    expect((await readPersonSheet(out)).rows.every((r) => r.birthDate === undefined)).toBe(true);
    expect(errorCodes(await sg.request(EXPORT, { f }, district))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sg.request(EXPORT, { f }, person))).toEqual(['FORBIDDEN']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('exports in a number of statements that grows only by pages of 2,000 rows', async () => {
    const small = await sg.statements(() => sg.request(EXPORT, { f: { districtCode: '330303' } }));
    const large = await sg.statements(() => sg.request(EXPORT, { f: { districtCode: '330302' } })); // the 10,000 imported above
    const statementsFor = (rows: number) => 1 + (Math.floor(rows / 2000) + 1) + 3; // COUNT, the pages, the audit event (BEGIN, INSERT, COMMIT)
    const rows = (r: typeof small) => expectData(r.result).exportPersons.rowCount as number;
    expect(rows(large)).toBeGreaterThan(10_000);
    expect(small.statements).toBe(statementsFor(rows(small)));
    expect(large.statements).toBe(statementsFor(rows(large)));
  });

  it('refuses an export beyond the maximum, saying so', async () => {
    const services = sg.running.services;
    const conn = new TransactionalConnection(sg.running.dataSource);
    const small = new PersonExportService(conn, new AuditLog(conn, 'persons'), services.persons, undefined, 2);
    const err = await small.exportPersons(systemContext(), {}, new PassThrough()).catch((e: unknown) => e);
    expect(err).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'filter', message: expect.stringMatching(/one export holds at most 2/) }] } });
  });

  it('exports the community ledger grouped by category', async () => {
    const base = { district: '瓯海区', street: '景山街道', community: '翠微社区' };
    const imported = expectData(
      await importRows([sheetRow({ ...base, name: '王芳' }), sheetRow({ ...base, name: '陈明', category: '个体户', profession: null }), sheetRow({ ...base, name: '李强' })]),
    );
    expect(imported.importPersons).toMatchObject({ written: true, errors: [] });
    const file = expectData(await sg.request(LEDGER, { s: '330304001', c: '翠微社区' })).exportCommunityLedger;
    expect(file.rowCount).toBe(3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as never);
    const rows = wb.worksheets[0]!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows[0]![1]).toBe('瓯海区景山街道翠微社区新的社会阶层人士基础台账');
    expect(rows.slice(2).map((r) => (typeof r[1] === 'number' ? [r[1], r[2]] : r[1]))).toEqual(['序号', '一、个体户（1 人）', [1, '陈明'], '二、中介组织从业人员（2 人）', [2, '李强'], [3, '王芳']]);
    expect(errorCodes(await sg.request(LEDGER, { s: '330304001', c: '翠微社区' }, district))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sg.request(LEDGER, { s: '330399001', c: '翠微社区' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('counts the register grouped by dimensions in one statement, matching a direct count of its own rows', async () => {
    // The test's own rows named 林… (the 10,000 imported ones are named 导入…), fewer than a page.
    const f = { text: '林' };
    type Node = { district: { code: string }; category: string; returnee: boolean };
    const named: Node[] = expectData(
      await sg.request(`query($f: PersonFilter) { persons(first: 1000, filter: $f) { edges { node { district { code } category returnee } } } }`, { f }),
    ).persons.edges.map((e: { node: Node }) => e.node);
    expect(named.length).toBeGreaterThan(3);
    const key = (p: { district: { code: string }; category: string; returnee: boolean }) => `${p.district.code}|${p.category}|${p.returnee}`;
    const direct = new Map<string, number>();
    for (const p of named) direct.set(key(p), (direct.get(key(p)) ?? 0) + 1);
    const { result, statements } = await sg.statements(() => sg.request(STATS, { g: ['DISTRICT', 'CATEGORY', 'RETURNEE'], f }));
    expect(statements).toBe(1);
    const got = expectData(result).personStats as (Node & { count: number; profession: null; street: null })[];
    expect(new Map(got.map((g) => [key(g), g.count]))).toEqual(direct);
    expect(got.every((g) => g.profession === null && g.street === null)).toBe(true);

    expect(expectData(await sg.request(STATS, { g: [], f })).personStats).toEqual([expect.objectContaining({ count: named.length, district: null })]);
    const own = named.filter((p) => p.district.code === '330302').length;
    expect(expectData(await sg.request(STATS, { g: ['DISTRICT'], f }, district)).personStats).toEqual([expect.objectContaining({ district: { code: '330302' }, count: own })]);
    // An analyst's groups this small are suppressed together, values withheld (stats-disclosure.test.ts).
    expect(expectData(await sg.request(STATS, { g: ['DISTRICT'], f }, analyst)).personStats).toEqual([expect.objectContaining({ district: null, count: null })]);
    expect(expectData(await sg.request(STATS, { g: ['CATEGORY'] }, association)).personStats.length).toBeGreaterThan(0);
    expect(errorCodes(await sg.request(STATS, { g: ['CATEGORY'], f }, association))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sg.request(STATS, { g: ['DISTRICT'], f: { districtCode: '330303' } }, district))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await sg.request(STATS, { g: ['DISTRICT'] }, person))).toEqual(['FORBIDDEN']);
  });
});
