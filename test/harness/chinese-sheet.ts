import * as fs from 'node:fs';
import { makeIdNumber } from '@tongxin/common';
import ExcelJS from 'exceljs';

/**
 * Registration-form sheets large enough to cross many chunk boundaries of a file or of an
 * .xlsx entry (16 KiB inflated, 64 KiB read), whose text cells are Chinese of varied lengths:
 * 3-byte UTF-8 characters, and now and then a 4-byte one (𠮷, a UTF-16 surrogate pair, as in
 * real names), so that characters straddle the boundaries wherever they fall.
 */

/** The columns of these sheets: the form's required ones and three of free Chinese text. */
export const CHINESE_SHEET_HEADERS = ['姓名', '身份证号', '政治面貌', '类别', '所在区县', '工作单位', '职务'] as const;

export interface ChineseSheetRow {
  readonly name: string;
  readonly idNumber: string;
  readonly employer: string;
  readonly position: string;
}

const COMMON =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤瓯鹿永嘉瑞安乐清龙港苍南平阳文成泰顺洞头温州';
const TRADES = ['科技', '实业', '贸易', '电子', '鞋业', '服饰', '阀门', '眼镜', '律师事务所', '会计师事务所', '建筑设计院', '文化传媒', '生物医药', '汽摩配件'];
const POSITIONS = ['董事长', '总经理', '合伙人律师', '注册会计师', '技术总监', '副总经理兼财务负责人', '主任', '工程师'];
const RARE = '𠮷'; // U+20BB7, four bytes in UTF-8

/** Deterministic characters for row i: `length` of them from the common set, one rare every few rows. */
function chars(i: number, salt: number, length: number): string {
  let out = '';
  for (let k = 0; k < length; k++) out += COMMON[(i * 37 + k * 11 + salt * 7) % COMMON.length];
  return i % 7 === salt % 7 ? out.slice(0, -1) + RARE : out;
}

/** `count` rows with unique ID numbers (region `region`, five birth dates × 1,000 sequences). */
export function chineseSheetRows(count: number, region = '330324'): ChineseSheetRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: chars(i, 1, 2 + (i % 3)),
    idNumber: makeIdNumber(region, `1991-07-${String(1 + Math.floor(i / 1000)).padStart(2, '0')}`, i % 1000),
    employer: `温州${chars(i, 2, 1 + (i % 9))}${TRADES[i % TRADES.length]}有限公司${i % 5 === 0 ? `(${i % 13}号楼)` : ''}`,
    position: POSITIONS[(i * 3) % POSITIONS.length]!,
  }));
}

const cells = (r: ChineseSheetRow) => [r.name, r.idNumber, '无党派人士', '个体户', '永嘉县', r.employer, r.position];

/** An .xlsx by ExcelJS's writer: shared strings (`Workbook`) or inline strings (the streaming writer, as exports are). */
export async function writeChineseXlsx(file: string, rows: readonly ChineseSheetRow[], strings: 'shared' | 'inline'): Promise<void> {
  if (strings === 'shared') {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记表');
    sheet.addRow([...CHINESE_SHEET_HEADERS]);
    for (const r of rows) sheet.addRow(cells(r));
    await workbook.xlsx.writeFile(file);
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('登记表');
  sheet.addRow([...CHINESE_SHEET_HEADERS]).commit();
  for (const r of rows) sheet.addRow(cells(r)).commit();
  sheet.commit();
  await workbook.commit();
}

/** A UTF-8 .csv, with or without the byte-order mark Excel writes. */
export function writeChineseCsv(file: string, rows: readonly ChineseSheetRow[], bom: boolean): void {
  const lines = [CHINESE_SHEET_HEADERS.join(','), ...rows.map((r) => cells(r).join(','))];
  fs.writeFileSync(file, `${bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`);
}
