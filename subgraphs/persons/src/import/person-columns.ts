import { COUNTY_LEVEL_UNITS, findDistrict, InputChecker, streetsOf } from '@tongxin/common';
import {
  Education,
  EDUCATION_LABELS,
  Gender,
  GENDER_LABELS,
  PERSON_CATEGORY_LABELS,
  PersonCategory,
  PoliticalAffiliation,
  POLITICAL_AFFILIATION_LABELS,
  Profession,
  PROFESSION_LABELS,
} from '../person/person.enums';
import type { PersonDraft } from '../person/person.validation';

/**
 * The registration form (登记表) as a department's spreadsheet has it: one column per field,
 * headed in Chinese. Import and export share this list, so an exported file's headers are the
 * ones the import reads. `aliases` are other headers seen in departments' own sheets.
 */
export const PERSON_COLUMNS = [
  { field: 'name', header: '姓名', required: true, aliases: [] },
  { field: 'gender', header: '性别', aliases: [] },
  { field: 'birthDate', header: '出生日期', aliases: ['出生年月日'] },
  { field: 'ethnicity', header: '民族', aliases: [] },
  { field: 'politicalAffiliation', header: '政治面貌', required: true, aliases: [] },
  { field: 'education', header: '学历', aliases: ['文化程度'] },
  { field: 'category', header: '类别', required: true, aliases: ['人士类别', '阶层类别'] },
  { field: 'profession', header: '职业', aliases: [] },
  { field: 'employer', header: '工作单位', aliases: ['单位', '工作单位名称'] },
  { field: 'position', header: '职务', aliases: ['职务/职称'] },
  { field: 'returnee', header: '是否归国留学', aliases: ['归国留学', '是否留学归国'] },
  { field: 'returneeCountry', header: '留学国家', aliases: ['留学国家(地区)', '留学国家（地区）'] },
  { field: 'district', header: '所在区县', required: true, aliases: ['区县', '县(市、区)', '县（市、区）', '所在县(市、区)', '所在县（市、区）'] },
  { field: 'street', header: '街道', aliases: ['街道(乡镇)', '街道（乡镇）', '街道/乡镇', '乡镇(街道)', '乡镇（街道）'] },
  { field: 'community', header: '社区', aliases: ['所在社区', '社区(村)', '社区（村）'] },
  { field: 'idNumber', header: '身份证号', required: true, aliases: ['身份证号码', '公民身份号码', '居民身份证号'] },
  { field: 'mobile', header: '手机号', aliases: ['手机', '手机号码', '联系电话'] },
  { field: 'registeredOn', header: '登记日期', aliases: [] },
] as const satisfies readonly { field: string; header: string; required?: boolean; aliases: readonly string[] }[];

export type PersonColumnField = (typeof PERSON_COLUMNS)[number]['field'];

/** One row of a sheet as text, keyed by field (what `PersonImportRow` carries). */
export type PersonSheetRow = { [K in PersonColumnField]?: string | null };

const columnByHeader = new Map<string, PersonColumnField>(PERSON_COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [normalizeHeader(h), c.field] as const)));
export const HEADER_OF: Readonly<Record<PersonColumnField, string>> = Object.fromEntries(PERSON_COLUMNS.map((c) => [c.field, c.header])) as Record<PersonColumnField, string>;

function normalizeHeader(header: string): string {
  return header
    .replace(/[\s*＊:：]/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')');
}

/** The field a header names (its own header or an alias; spaces, `*` marks and full-width brackets ignored), or undefined. */
export function fieldOfHeader(header: string): PersonColumnField | undefined {
  return columnByHeader.get(normalizeHeader(header));
}

/** Which column of the record each field of `checkPersonRecord` comes from. */
const COLUMN_OF_RECORD_FIELD: Readonly<Record<string, PersonColumnField>> = {
  districtCode: 'district',
  streetCode: 'street',
};

/** The Chinese header of a problem's field (`name`, `districtCode` …). */
export function headerOfField(field: string): string {
  const column = COLUMN_OF_RECORD_FIELD[field] ?? field;
  return HEADER_OF[column as PersonColumnField] ?? field;
}

/** Labels and values an enum's cells may hold: the value itself, its Chinese label and common short forms. */
function lookup<T extends string>(labels: Readonly<Record<T, string>>, aliases: Readonly<Record<string, T>> = {}): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, label] of Object.entries(labels) as [T, string][]) {
    map.set(value, value);
    map.set(label, value);
  }
  for (const [alias, value] of Object.entries(aliases)) map.set(alias, value);
  return map;
}

const GENDERS = lookup(GENDER_LABELS, { 男性: Gender.MALE, 女性: Gender.FEMALE });
const AFFILIATIONS = lookup(POLITICAL_AFFILIATION_LABELS, {
  中国共产党党员: PoliticalAffiliation.CPC_MEMBER,
  共产党员: PoliticalAffiliation.CPC_MEMBER,
  中共预备党员: PoliticalAffiliation.CPC_MEMBER,
  党员: PoliticalAffiliation.CPC_MEMBER,
  民革: PoliticalAffiliation.RCCK,
  民革会员: PoliticalAffiliation.RCCK,
  民盟: PoliticalAffiliation.CDL,
  民建: PoliticalAffiliation.CNDCA,
  民进: PoliticalAffiliation.CAPD,
  农工党: PoliticalAffiliation.CPWDP,
  致公党: PoliticalAffiliation.CZGP,
  九三学社: PoliticalAffiliation.JIUSAN,
  台盟: PoliticalAffiliation.TDSGL,
  无党派: PoliticalAffiliation.NON_PARTY,
});
const EDUCATIONS = lookup(EDUCATION_LABELS, {
  小学: Education.JUNIOR_HIGH_OR_BELOW,
  初中: Education.JUNIOR_HIGH_OR_BELOW,
  高中: Education.SENIOR_HIGH,
  中专: Education.SENIOR_HIGH,
  职高: Education.SENIOR_HIGH,
  专科: Education.JUNIOR_COLLEGE,
  大学本科: Education.BACHELOR,
  硕士: Education.MASTER,
  研究生: Education.MASTER,
  博士: Education.DOCTORATE,
});
const CATEGORIES = lookup(PERSON_CATEGORY_LABELS, {
  民营科技企业创业人员: PersonCategory.PRIVATE_TECH,
  民营科技企业技术人员: PersonCategory.PRIVATE_TECH,
  外资企业管理人员: PersonCategory.FOREIGN_ENTERPRISE,
  外资企业技术人员: PersonCategory.FOREIGN_ENTERPRISE,
  个体工商户: PersonCategory.SELF_EMPLOYED,
  中介组织从业人员: PersonCategory.INTERMEDIARY,
  自由职业者: PersonCategory.FREELANCER,
});
const PROFESSIONS = lookup(PROFESSION_LABELS, { 注册税务师: Profession.TAX_AGENT, 撰稿人: Profession.FREELANCE_WRITER });
const YES = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const NO = new Set(['否', 'N', 'NO', 'FALSE', '0', '']);

const MASK = /[*＊]/;
const NUMERIC_DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

/** A date as written in sheets (2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 20240305) as YYYY-MM-DD; other text unchanged (the checker refuses it). */
export function normalizeDate(text: string): string {
  const t = text.trim();
  if (/^\d{8}$/.test(t)) return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6)}`;
  const m = NUMERIC_DATE.exec(t);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : t;
}

const DISTRICT_BY_NAME = new Map(COUNTY_LEVEL_UNITS.flatMap((d) => [[d.name, d.code] as const, [`温州市${d.name}`, d.code] as const, [d.name.slice(0, -1), d.code] as const]));

/**
 * One sheet row as a draft of the form: labels become enum values, district and street names
 * become codes, dates and numbers are normalized. A cell that cannot be read is recorded in
 * `check` under its record field (`checkPersonRecord` then checks the rest); masked numbers (an
 * export's) are refused with the reason.
 */
export function draftOfSheetRow(check: InputChecker, row: PersonSheetRow): PersonDraft {
  const cell = (field: PersonColumnField): string | null => {
    const v = row[field];
    return v === undefined || v === null || v.trim() === '' ? null : v.trim();
  };
  const label = <T extends string>(field: PersonColumnField, map: Map<string, T>, what: string): T | null => {
    const v = cell(field);
    if (v === null) return null;
    const found = map.get(v) ?? map.get(v.toUpperCase()) ?? map.get(v.replace(/\s/g, ''));
    if (found === undefined) check.fail(field, `"${v.slice(0, 40)}" is not a ${what} (write one of: ${[...new Set(map.keys())].filter((k) => /[^\x20-\x7e]/.test(k)).join('、')})`);
    return found ?? null;
  };

  const districtText = cell('district');
  let districtCode: string | null = null;
  if (districtText !== null) {
    districtCode = findDistrict(districtText) ? districtText : (DISTRICT_BY_NAME.get(districtText.replace(/\s/g, '')) ?? null);
    if (!districtCode) check.fail('districtCode', `"${districtText.slice(0, 40)}" is not a district of 温州市: write its name (鹿城区 …) or code (330302 …)`);
  }
  const streetText = cell('street');
  let streetCode: string | null = null;
  if (streetText !== null) {
    if (/^\d{9}$/.test(streetText)) streetCode = streetText;
    else if (districtCode) {
      const street = streetsOf(districtCode).find((s) => s.name === streetText || s.name.replace(/(街道|镇|乡)$/, '') === streetText);
      // Unresolved, the text stays as the street: the checker then knows one was given (社区 is not "without a street").
      streetCode = street?.code ?? streetText;
      if (!street) check.fail('streetCode', `"${streetText.slice(0, 40)}" is no street or town of ${findDistrict(districtCode)!.name}: write its name as 五马街道 or its 9-digit code`);
    } else if (districtText === null) check.fail('streetCode', 'is given by name without 所在区县: give the district too, or the 9-digit street code');
    // A code given is checked by checkPersonRecord (a street of 温州市, in the district).
  }

  const idNumber = cell('idNumber');
  if (idNumber && MASK.test(idNumber)) check.fail('idNumber', 'is masked (as in an export): the full ID number is needed to register a person');
  let mobile = cell('mobile');
  if (mobile && MASK.test(mobile)) {
    check.fail('mobile', 'is masked (as in an export): give the full number or leave it empty');
    mobile = null;
  } else if (mobile) mobile = mobile.replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');

  const returneeText = (cell('returnee') ?? '').toUpperCase();
  let returnee = false;
  if (YES.has(returneeText)) returnee = true;
  else if (!NO.has(returneeText)) check.fail('returnee', `"${returneeText.slice(0, 20)}" is neither 是 nor 否`);

  const birthDate = cell('birthDate');
  const registeredOn = cell('registeredOn');
  return {
    name: cell('name'),
    idNumber: idNumber && MASK.test(idNumber) ? null : idNumber,
    gender: label('gender', GENDERS, 'gender'),
    birthDate: birthDate === null ? null : normalizeDate(birthDate),
    ethnicity: cell('ethnicity') ?? undefined,
    politicalAffiliation: label('politicalAffiliation', AFFILIATIONS, 'political affiliation'),
    education: label('education', EDUCATIONS, 'level of education'),
    category: label('category', CATEGORIES, 'category of §2'),
    profession: label('profession', PROFESSIONS, 'profession'),
    employer: cell('employer'),
    position: cell('position'),
    returnee,
    returneeCountry: cell('returneeCountry'),
    districtCode: districtCode ?? (districtText === null ? null : undefined),
    streetCode,
    community: cell('community'),
    mobile,
    registeredOn: registeredOn === null ? null : normalizeDate(registeredOn),
  };
}
