import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { districtOf, streetOf } from '@tongxin/common';
import { parse as parseCsv } from 'csv-parse';
import ExcelJS from 'exceljs';
import type { PersonEntity } from '../person/person.entity';
import {
  Education,
  EDUCATION_LABELS,
  Gender,
  GENDER_LABELS,
  PERSON_CATEGORY_LABELS,
  PERSON_STATUS_LABELS,
  PersonCategory,
  PersonStatus,
  PoliticalAffiliation,
  POLITICAL_AFFILIATION_LABELS,
  Profession,
  PROFESSION_LABELS,
} from '../person/person.enums';
import { neutralizeCell } from './cell-safety';
import { fieldOfHeader, PERSON_COLUMNS, PersonColumnField } from './person-columns';
import type { NumberedSheetRow } from './person-import.service';
import { ImportRowError } from './person-import.types';

/** What a sheet file holds: its rows as text, the columns it did not recognize, and file-level problems. */
export interface PersonSheet {
  readonly rows: NumberedSheetRow[];
  /** Headers that name no field of the form (序号, 备注 …): not imported. */
  readonly ignoredColumns: string[];
  /** Problems of the file as a whole (no header row, a required column missing): nothing is imported. */
  readonly errors: ImportRowError[];
}

/** Rows above the header a sheet may have (a title such as 温州市新的社会阶层人士登记表). */
const HEADER_SEARCH_ROWS = 10;

const fileError = (row: number, column: string, message: string) => Object.assign(new ImportRowError(), { row, column, message });

/** Text of a cell as the importer reads it: dates as YYYY-MM-DD, rich text joined, formulas by their result. */
function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    const v = value as { richText?: { text: string }[]; text?: unknown; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.result !== undefined) return cellText(v.result);
    if (v.text !== undefined) return cellText(v.text);
    return null;
  }
  return String(value);
}

/**
 * Reads a registration-form sheet, `.xlsx` (first worksheet, read whole) or `.csv` (UTF-8, with or
 * without BOM). The header row is the first of the first ten rows that names at least three
 * columns of the form; each row keeps its spreadsheet row number (the header row counts).
 */
export async function readPersonSheet(file: string): Promise<PersonSheet> {
  const ext = path.extname(file).toLowerCase();
  const source = ext === '.xlsx' ? xlsxRows(file) : ext === '.csv' ? csvRecords(fs.createReadStream(file)) : null;
  if (!source) return { rows: [], ignoredColumns: [], errors: [fileError(0, '文件', `${path.basename(file)} is neither .xlsx nor .csv`)] };
  return sheetOf(source);
}

/** Builds the sheet from rows of cells, each with its row number. */
export async function sheetOf(source: AsyncIterable<{ number: number; cells: unknown[] }>): Promise<PersonSheet> {
  let columns: (PersonColumnField | undefined)[] | null = null;
  const rows: NumberedSheetRow[] = [];
  const ignoredColumns: string[] = [];
  const errors: ImportRowError[] = [];
  for await (const { number, cells } of source) {
    if (!columns) {
      const fields = cells.map((c) => {
        const text = cellText(c);
        return text ? fieldOfHeader(text) : undefined;
      });
      if (fields.filter(Boolean).length >= 3) {
        columns = fields;
        cells.forEach((c, i) => {
          const text = cellText(c)?.trim();
          if (text && !fields[i]) ignoredColumns.push(text);
        });
        for (const c of PERSON_COLUMNS) {
          if ('required' in c && c.required && !fields.includes(c.field)) errors.push(fileError(number, c.header, `the column ${c.header} is missing from the header row`));
        }
        if (errors.length) return { rows: [], ignoredColumns, errors };
      } else if (number >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    const row: NumberedSheetRow = { rowNumber: number };
    let empty = true;
    cells.forEach((c, i) => {
      const field = columns![i];
      if (!field) return;
      if (field === 'idNumber' && typeof c === 'number') {
        // 18 digits do not fit a spreadsheet number: the last ones are already lost.
        errors.push(fileError(number, '身份证号', '身份证号 is stored as a number in the sheet, which loses its last digits: format the column as text and type it again'));
      }
      const text = cellText(c);
      if (text !== null && text.trim() !== '') {
        empty = false;
        row[field] = text;
      }
    });
    if (!empty) rows.push(row);
  }
  if (!columns) return { rows: [], ignoredColumns, errors: [fileError(1, '文件', 'no header row found: the first rows must name the columns (姓名, 身份证号, 政治面貌, 类别, 所在区县 …)')] };
  return { rows, ignoredColumns, errors };
}

/**
 * The first worksheet's rows, read whole with exceljs's `Workbook.xlsx.readFile`, which decodes
 * each part of the file as one piece of UTF-8. Not its streaming `WorkbookReader`: that decodes
 * every 16 KiB chunk of a part on its own and turns a character split between two chunks into
 * U+FFFD (exceljs issues #2063, #2316; issue 15). Reading whole costs memory: a 50,000-row form of
 * 18 columns of Chinese text (a 6 MB file) peaked at 0.56 GB of RSS (it needs a heap of more than
 * 256 MB) and read in 8 to 16 s, where the streaming reader took 0.23 GB and 4 s.
 */
async function* xlsxRows(file: string): AsyncGenerator<{ number: number; cells: unknown[] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const worksheet = workbook.worksheets[0];
  if (!worksheet) return;
  const rows: { number: number; cells: unknown[] }[] = [];
  worksheet.eachRow((row, number) => {
    rows.push({ number, cells: (row.values as unknown[]).slice(1) });
  });
  yield* rows;
}

/**
 * A UTF-8 CSV's records. csv-parse takes the file's Buffers as they come and decodes each field
 * from its bytes (`encoding: 'utf8'`), so a character split between two reads arrives whole.
 */
export async function readPersonCsv(input: Readable): Promise<PersonSheet> {
  return sheetOf(csvRecords(input));
}

async function* csvRecords(input: Readable): AsyncGenerator<{ number: number; cells: unknown[] }> {
  const parser = input.pipe(parseCsv({ bom: true, encoding: 'utf8', relax_column_count: true, skip_empty_lines: false, trim: false }));
  let number = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    number += 1;
    yield { number, cells: record };
  }
}

/** Who may see what in an export. */
export interface ExportOptions {
  /** This record's full birth date where the viewer may read it, otherwise null (the cell shows less; see docs/SECURITY.md). */
  readonly birthDate: (person: PersonEntity) => string | null;
}

/** The cell of each column of an exported record: Chinese labels, names of places, masked numbers. */
function exportCells(p: PersonEntity, opts: ExportOptions): Record<PersonColumnField, string> {
  const cells: Record<PersonColumnField, string> = {
    name: p.name,
    gender: GENDER_LABELS[p.gender as Gender] ?? p.gender,
    birthDate: opts.birthDate(p) ?? '',
    ethnicity: p.ethnicity,
    politicalAffiliation: POLITICAL_AFFILIATION_LABELS[p.politicalAffiliation as PoliticalAffiliation] ?? p.politicalAffiliation,
    education: p.education ? (EDUCATION_LABELS[p.education as Education] ?? p.education) : '',
    category: PERSON_CATEGORY_LABELS[p.category as PersonCategory] ?? p.category,
    profession: p.profession ? (PROFESSION_LABELS[p.profession as Profession] ?? p.profession) : '',
    employer: p.employer ?? '',
    position: p.position ?? '',
    returnee: p.returnee ? '是' : '否',
    returneeCountry: p.returneeCountry ?? '',
    district: districtOf(p.districtCode).name,
    street: streetOf(p.streetCode)?.name ?? '',
    community: p.community ?? '',
    idNumber: p.idNumberMasked,
    mobile: p.mobileMasked ?? '',
    registeredOn: p.registeredOn,
  };
  for (const field of Object.keys(cells) as PersonColumnField[]) cells[field] = neutralizeCell(cells[field]);
  return cells;
}

const TEXT = '@';

/**
 * Writes the register as a sheet of the form, streamed (`batches` one page at a time), with the
 * import's Chinese headers and masked ID and mobile numbers. Returns the number of rows.
 */
export async function writePersonSheet(output: Writable, batches: AsyncIterable<readonly PersonEntity[]>, opts: ExportOptions): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('登记表');
  sheet.columns = PERSON_COLUMNS.map((c) => ({ header: c.header, key: c.field, width: c.field === 'employer' ? 30 : c.field === 'idNumber' ? 22 : 14, style: { numFmt: TEXT } }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let count = 0;
  for await (const batch of batches) {
    for (const p of batch) {
      sheet.addRow(exportCells(p, opts)).commit();
      count += 1;
    }
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** The columns of the community ledger (社区基础台账). */
const LEDGER_COLUMNS: readonly { header: string; width: number; cell: (p: PersonEntity, opts: ExportOptions) => string }[] = [
  { header: '姓名', width: 12, cell: (p) => p.name },
  { header: '性别', width: 6, cell: (p) => GENDER_LABELS[p.gender as Gender] ?? p.gender },
  { header: '出生年月', width: 10, cell: (p, o) => o.birthDate(p)?.slice(0, 7) ?? `${p.birthYear}年` },
  { header: '民族', width: 8, cell: (p) => p.ethnicity },
  { header: '政治面貌', width: 12, cell: (p) => POLITICAL_AFFILIATION_LABELS[p.politicalAffiliation as PoliticalAffiliation] ?? p.politicalAffiliation },
  { header: '学历', width: 10, cell: (p) => (p.education ? (EDUCATION_LABELS[p.education as Education] ?? p.education) : '') },
  { header: '职业', width: 12, cell: (p) => (p.profession ? (PROFESSION_LABELS[p.profession as Profession] ?? p.profession) : '') },
  { header: '工作单位', width: 30, cell: (p) => p.employer ?? '' },
  { header: '职务', width: 12, cell: (p) => p.position ?? '' },
  { header: '归国留学', width: 10, cell: (p) => (p.returnee ? `是(${p.returneeCountry ?? ''})` : '否') },
  { header: '身份证号', width: 22, cell: (p) => p.idNumberMasked },
  { header: '手机号', width: 14, cell: (p) => p.mobileMasked ?? '' },
  { header: '登记日期', width: 12, cell: (p) => p.registeredOn },
  { header: '状态', width: 8, cell: (p) => PERSON_STATUS_LABELS[p.status as PersonStatus] ?? p.status },
];

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/**
 * The community ledger (社区基础台账, §11 "健全基础台账"): the persons of one community, grouped
 * by the six categories of §2 as a department keeps it (a heading per category with its count,
 * then its persons by name), numbered, with masked identifiers. Returns the number of persons.
 */
export async function writeCommunityLedger(
  output: Writable,
  place: { districtCode: string; streetCode: string; community: string; today: string },
  persons: readonly PersonEntity[],
  opts: ExportOptions,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('社区基础台账');
  const width = LEDGER_COLUMNS.length + 1;
  sheet.columns = [{ width: 6 }, ...LEDGER_COLUMNS.map((c) => ({ width: c.width, style: { numFmt: TEXT } }))];
  const placeName = `${districtOf(place.districtCode).name}${streetOf(place.streetCode)?.name ?? ''}${place.community}`;
  const title = sheet.addRow([neutralizeCell(`${placeName}新的社会阶层人士基础台账`)]);
  title.font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, width);
  title.commit();
  sheet.addRow([`共 ${persons.length} 人，制表日期 ${place.today}`]);
  sheet.mergeCells(2, 1, 2, width);
  sheet.getRow(2).commit();
  const header = sheet.addRow(['序号', ...LEDGER_COLUMNS.map((c) => c.header)]);
  header.font = { bold: true };
  header.commit();
  let n = 0;
  let section = 0;
  for (const category of Object.values(PersonCategory)) {
    const group = persons.filter((p) => p.category === category).sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN') || a.id.localeCompare(b.id));
    if (!group.length) continue;
    const heading = sheet.addRow([`${CHINESE_ORDINALS[section] ?? section + 1}、${PERSON_CATEGORY_LABELS[category]}（${group.length} 人）`]);
    heading.font = { bold: true };
    sheet.mergeCells(heading.number, 1, heading.number, width);
    heading.commit();
    section += 1;
    for (const p of group) {
      n += 1;
      sheet.addRow([n, ...LEDGER_COLUMNS.map((c) => neutralizeCell(c.cell(p, opts)))]).commit();
    }
  }
  sheet.commit();
  await workbook.commit();
  return n;
}
