import { makeIdNumber, Role } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import ExcelJS from 'exceljs';
import { neutralizeCell, safeFileName } from '../src/import/cell-safety';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Exports carry no formulas and name no paths (issue 14 §5): a text cell that a spreadsheet would
 * run as a formula is neutralised as OWASP's CSV-injection guidance says, and a file name holds no
 * path characters, whatever was registered or asked for. And an analyst's ledger shows birth
 * years, not birth months (the birth date is part of the ID number).
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const EXPORT = `query($f: PersonFilter) { exportPersons(filter: $f) { fileName base64 rowCount } }`;
const LEDGER = `query($s: String!, $c: String!) { exportCommunityLedger(streetCode: $s, community: $c) { fileName base64 rowCount } }`;
const DANGEROUS = ['=HYPERLINK("http://evil.example","点此")', '+86 577', '-2+3', '@SUM(A1:A9)', '\t=1+1', '\r=1+1'];
const COMMUNITY = '../..\\社区:*?';

async function cellsOf(base64: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as never);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? ''))));
  return cells;
}

describe('exports', () => {
  let sg: TestSubgraph<PersonsServices>;

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    for (const [i, text] of DANGEROUS.entries()) {
      expectData(
        await sg.request(REGISTER, {
          input: {
            name: '注入',
            idNumber: makeIdNumber('330302', '1975-06-07', 2 * i + 1),
            politicalAffiliation: 'MASSES',
            category: 'PRIVATE_BUSINESS_OWNER',
            employer: text,
            position: text.slice(0, 20),
            districtCode: '330302',
            streetCode: '330302006',
            community: COMMUNITY,
          },
        }),
      );
    }
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('neutralises every text cell that a spreadsheet would read as a formula', async () => {
    const file = expectData(await sg.request(EXPORT, { f: { text: '注入' } })).exportPersons;
    expect(file.rowCount).toBe(DANGEROUS.length);
    const ledger = expectData(await sg.request(LEDGER, { s: '330302006', c: COMMUNITY })).exportCommunityLedger;
    for (const cells of [await cellsOf(file.base64), await cellsOf(ledger.base64)]) {
      expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
      // (Registration trims the text: the tab and carriage return go, the formula stays.)
      for (const text of DANGEROUS) expect(cells).toContain(`'${text.trim()}`);
    }
  });

  it('names files without path characters', async () => {
    const ledger = expectData(await sg.request(LEDGER, { s: '330302006', c: COMMUNITY })).exportCommunityLedger;
    expect(ledger.fileName).toMatch(/^社区基础台账-[^/\\:*?"<>|]+\.xlsx$/);
    expect(ledger.fileName).not.toContain('..');
    expect(safeFileName('../../etc/passwd')).toBe('______etc_passwd');
    expect(safeFileName('..')).toBe('__');
    expect(safeFileName('a\u0000b')).toBe('a_b');
  });

  it('shows an analyst the birth year in the ledger, and the city the birth month', async () => {
    const analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const asAnalyst = await cellsOf(expectData(await sg.request(LEDGER, { s: '330302006', c: COMMUNITY }, analyst)).exportCommunityLedger.base64);
    expect(asAnalyst).toContain('1975年');
    expect(asAnalyst).not.toContain('1975-06');
    const asCity = await cellsOf(expectData(await sg.request(LEDGER, { s: '330302006', c: COMMUNITY })).exportCommunityLedger.base64);
    expect(asCity).toContain('1975-06');
  });

  it('leaves ordinary text alone', () => {
    expect(['温州市鹿城区', '0577-88960000', '', '1975年', "'quoted"].map(neutralizeCell)).toEqual(['温州市鹿城区', '0577-88960000', '', '1975年', "'quoted"]);
  });
});
