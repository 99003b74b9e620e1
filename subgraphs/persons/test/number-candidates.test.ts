import * as fs from 'node:fs';
import * as path from 'node:path';
import { idNumberCheckChar, isRealDate, makeIdNumber, maskIdNumber, maskMobile, Role } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * DOMAIN.md: "No combination of what is stored in plain, or of what one role can read, may narrow
 * a number to fewer than a million candidates." These tests enumerate the ID numbers that fit what
 * an analyst reads through the API, and what a stored row holds outside its ciphertexts, and count
 * them. The arithmetic is in docs/SECURITY.md ("How much a mask may show").
 */

/**
 * The issuing places an attacker would try first: GB/T 2260's county codes in force in 2023, and
 * the one code each of Taiwan, Hong Kong, Macau and the residence permits of their residents.
 */
const COUNTY_CODES = [
  ...fs
    .readFileSync(path.join(__dirname, 'fixtures/gbt2260-county-codes.txt'), 'utf8')
    .split('\n')
    .filter((l) => /^\d{6}$/.test(l)),
  '710000',
  '810000',
  '820000',
  '830000',
];

/** What a reader knows of one person. */
interface Known {
  readonly mask: string;
  readonly birthYear: number;
  readonly gender: 'MALE' | 'FEMALE';
  /** The district of the register: most numbers were issued there, so it is tried as an issuing place too. */
  readonly districtCode: string;
}

const shows = (mask: string, at: number, char: string) => mask[at] === '*' || mask[at] === char;
const fitsMask = (mask: string, from: number, text: string) => [...text].every((c, i) => shows(mask, from + i, c));

/**
 * Every 18-character number that fits `known`: an issuing place from the county codes (and the
 * person's district) that the mask allows, a real date of the birth year, a sequence whose parity
 * is the gender, and the check character the first 17 give, each where the mask shows it.
 */
function* candidates(known: Known): Generator<string> {
  const regions = [...new Set([known.districtCode, ...COUNTY_CODES])].filter((r) => fitsMask(known.mask, 0, r));
  const days: string[] = [];
  for (let m = 1; m <= 12; m++) {
    for (let d = 1; d <= 31; d++) {
      const date = `${known.birthYear}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`;
      if (isRealDate(date) && fitsMask(known.mask, 6, date)) days.push(date);
    }
  }
  const sequences: string[] = [];
  for (let s = known.gender === 'MALE' ? 1 : 0; s < 1000; s += 2) {
    const text = String(s).padStart(3, '0');
    if (fitsMask(known.mask, 14, text)) sequences.push(text);
  }
  for (const region of regions) {
    for (const day of days) {
      for (const sequence of sequences) {
        const first17 = `${region}${day}${sequence}`;
        const check = idNumberCheckChar(first17);
        if (shows(known.mask, 17, check)) yield first17 + check;
      }
    }
  }
}

/** Whether `idNumber` is one of the candidates (without enumerating them). */
function fits(known: Known, idNumber: string): boolean {
  const region = idNumber.slice(0, 6);
  return (
    (region === known.districtCode || COUNTY_CODES.includes(region)) &&
    fitsMask(known.mask, 0, idNumber) &&
    idNumber.slice(6, 10) === String(known.birthYear) &&
    Number(idNumber[16]) % 2 === (known.gender === 'MALE' ? 1 : 0) &&
    idNumberCheckChar(idNumber.slice(0, 17)) === idNumber[17]
  );
}

/** How many candidates there are, counted up to `limit`. */
function countCandidates(known: Known, limit = 1_000_000): number {
  let n = 0;
  for (const _ of candidates(known)) if (++n >= limit) break;
  return n;
}

const MILLION = 1_000_000;

describe('the candidates an ID number mask leaves', () => {
  it('a mask of the first six and the last four characters, with the birth year, leaves a few dozen (the mask before): the count can fail', () => {
    const idNumber = makeIdNumber('330302', '1986-07-21', 103);
    const oldMask = `${idNumber.slice(0, 6)}********${idNumber.slice(14)}`;
    const n = countCandidates({ mask: oldMask, birthYear: 1986, gender: 'MALE', districtCode: '330302' });
    expect(n).toBeGreaterThan(20);
    expect(n).toBeLessThan(40);
    expect([...candidates({ mask: oldMask, birthYear: 1986, gender: 'MALE', districtCode: '330302' })]).toContain(idNumber);
    expect(fits({ mask: oldMask, birthYear: 1986, gender: 'MALE', districtCode: '330302' }, idNumber)).toBe(true);
  });

  it.each([
    ['Zhejiang, issued in the district of the register', '330302', '1986-07-21', 103, '330302'],
    ['Beijing, the province with the fewest county codes (16)', '110101', '1979-02-28', 88, '330303'],
    ['a county code retired since (苍南 before 龙港)', '330327', '1992-12-31', 7, '330383'],
    ['a leap year, a woman', '340102', '2000-02-29', 40, '330302'],
    ['Hong Kong (one issuing code)', '810000', '1990-01-01', 5, '330302'],
    ['a residence permit of Taiwan residents', '830000', '1985-05-05', 12, '330381'],
  ])('%s: the mask, birth year, gender and district leave a million candidates or more', (_label, region, birthDate, sequence, districtCode) => {
    const idNumber = makeIdNumber(region, birthDate, sequence);
    const known: Known = { mask: maskIdNumber(idNumber), birthYear: Number(birthDate.slice(0, 4)), gender: sequence % 2 ? 'MALE' : 'FEMALE', districtCode };
    expect(countCandidates(known)).toBe(MILLION);
  });

  it('a masked mobile number leaves a million candidates', () => {
    const mask = maskMobile('13812345678');
    expect(mask.replace(/[^*]/g, '')).toHaveLength(6);
    expect(10 ** (mask.split('*').length - 1)).toBeGreaterThanOrEqual(MILLION);
  });
});

describe('what an analyst reads, and what a row stores in plain, leave a million candidates', () => {
  let sg: TestSubgraph<PersonsServices>;
  let analyst: Record<string, string>;
  const people: { id: string; idNumber: string; mobile: string }[] = [];

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
    analyst = { authorization: `Bearer ${await tokenFor({ role: Role.ANALYST })}` };
    const forms = [
      { idNumber: makeIdNumber('330302', '1986-07-21', 103), districtCode: '330302', mobile: '13812345678' },
      { idNumber: makeIdNumber('110101', '1979-02-28', 88), districtCode: '330303', mobile: '15900001111' },
      { idNumber: makeIdNumber('810000', '1990-01-01', 5), districtCode: '330302', mobile: '17712345600' },
    ];
    for (const f of forms) {
      const res = await sg.request(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`, {
        input: { name: '候选', politicalAffiliation: 'MASSES', category: 'FREELANCER', ...f },
      });
      people.push({ id: expectData(res).registerPerson.person.id, idNumber: f.idNumber, mobile: f.mobile });
    }
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('through the API: an analyst reads the mask, birth year, gender and district, not the birth date', async () => {
    for (const p of people) {
      const res = await sg.request(`query($id: ID!) { person(id: $id) { idNumber mobile birthYear gender district { code } birthDate } }`, { id: p.id }, analyst);
      expect(res.errors!.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([['person.birthDate', 'FORBIDDEN']]);
      const read = res.data!.person;
      const known: Known = { mask: read.idNumber, birthYear: read.birthYear, gender: read.gender, districtCode: read.district.code };
      expect(fits(known, p.idNumber)).toBe(true);
      expect(countCandidates(known)).toBe(MILLION);
      expect((read.mobile as string).split('*').length - 1).toBeGreaterThanOrEqual(6);
    }
  });

  it('at rest: every column but the ciphertexts and keyed hashes leaves a million candidates', async () => {
    for (const p of people) {
      const [row] = await sg.running.dataSource.query('SELECT * FROM person WHERE id = ?', [p.id]);
      const plain = Object.fromEntries(Object.entries(row as Record<string, unknown>).filter(([column]) => !/_(enc|hash)$/.test(column)));
      expect(Object.keys(plain)).not.toContain('birth_date');
      const known: Known = { mask: String(plain.id_number_masked), birthYear: Number(plain.birth_year), gender: plain.gender as 'MALE' | 'FEMALE', districtCode: String(plain.district_code) };
      expect(fits(known, p.idNumber)).toBe(true);
      expect(countCandidates(known)).toBe(MILLION);
      const text = JSON.stringify(plain);
      expect(text).not.toContain(p.idNumber.slice(6, 14));
      expect(text).not.toContain(p.idNumber.slice(14));
      expect(text).not.toContain(p.mobile.slice(3, 9));
    }
  });
});
