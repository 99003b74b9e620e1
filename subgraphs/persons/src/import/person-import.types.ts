import { Field, InputType, Int, ObjectType } from 'type-graphql';

/**
 * One row of a registration-form spreadsheet, as text: what a department's sheet holds under
 * the Chinese headers (姓名, 性别 …). Enum cells take the Chinese labels (中共党员, 民革党员,
 * 无党派人士, 群众 …) or the API's values (CPC_MEMBER …); district and street their name or code.
 */
@InputType({ description: 'One row of a registration-form (登记表) spreadsheet, as text.' })
export class PersonImportRow {
  @Field(() => Int, { nullable: true, description: "The spreadsheet's row number (header = row 1), named in the report; default: the row's position + 1." })
  rowNumber?: number | null;

  @Field(() => String, { nullable: true, description: '姓名' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: '性别: 男/女 (taken from the ID number when empty)' })
  gender?: string | null;

  @Field(() => String, { nullable: true, description: '出生日期: 1986-07-21, 1986/7/21, 1986年7月21日 (taken from the ID number when empty)' })
  birthDate?: string | null;

  @Field(() => String, { nullable: true, description: '民族 (default 汉族)' })
  ethnicity?: string | null;

  @Field(() => String, { nullable: true, description: '政治面貌: 中共党员, 民革党员 … 无党派人士, 群众' })
  politicalAffiliation?: string | null;

  @Field(() => String, { nullable: true, description: '学历' })
  education?: string | null;

  @Field(() => String, { nullable: true, description: '类别 (§2): 个体户, 私营企业主 …' })
  category?: string | null;

  @Field(() => String, { nullable: true, description: '职业: 律师, 注册会计师 …' })
  profession?: string | null;

  @Field(() => String, { nullable: true, description: '工作单位' })
  employer?: string | null;

  @Field(() => String, { nullable: true, description: '职务' })
  position?: string | null;

  @Field(() => String, { nullable: true, description: '是否归国留学: 是/否' })
  returnee?: string | null;

  @Field(() => String, { nullable: true, description: '留学国家' })
  returneeCountry?: string | null;

  @Field(() => String, { nullable: true, description: '所在区县: name (鹿城区) or code (330302)' })
  district?: string | null;

  @Field(() => String, { nullable: true, description: '街道/乡镇: name (五马街道) or 9-digit code' })
  street?: string | null;

  @Field(() => String, { nullable: true, description: '社区' })
  community?: string | null;

  @Field(() => String, { nullable: true, description: '身份证号 (18 characters, in full)' })
  idNumber?: string | null;

  @Field(() => String, { nullable: true, description: '手机号 (in full)' })
  mobile?: string | null;

  @Field(() => String, { nullable: true, description: '登记日期 (default today)' })
  registeredOn?: string | null;
}

@ObjectType({ description: 'A problem with one cell of an imported sheet.' })
export class ImportRowError {
  @Field(() => Int, { description: "The spreadsheet's row number (the header is row 1)." })
  row!: number;

  @Field({ description: 'The Chinese column header (身份证号 …), or "文件" for the file as a whole.' })
  column!: string;

  @Field({ description: 'What is wrong, and how to put it right.' })
  message!: string;
}

@ObjectType({
  description:
    'What an import did, or would do (dryRun). All or nothing: with any error nothing is written. Rows whose ID number is registered already are skipped, not changed, and counted as alreadyRegistered, so a file that partly landed can be imported again.',
})
export class ImportReport {
  @Field()
  dryRun!: boolean;

  @Field({ description: 'True when the new persons were registered (no errors, not a dry run).' })
  written!: boolean;

  @Field(() => Int, { description: 'Rows in the file.' })
  rowCount!: number;

  @Field(() => Int, { description: 'New persons registered (or, in a dry run or with errors, that would be).' })
  registered!: number;

  @Field(() => Int, { description: 'Rows whose ID number is registered already: skipped, the register unchanged.' })
  alreadyRegistered!: number;

  @Field(() => [Int], { description: 'Their row numbers.' })
  alreadyRegisteredRows!: number[];

  @Field(() => [ImportRowError], { description: 'Every problem, by row and column; empty when the file is good.' })
  errors!: ImportRowError[];
}

@ObjectType({ description: 'A generated file, for API users: decode base64 and save it under fileName.' })
export class ExportFile {
  @Field()
  fileName!: string;

  @Field()
  contentType!: string;

  @Field()
  base64!: string;

  @Field(() => Int, { description: 'Persons in the file.' })
  rowCount!: number;
}
