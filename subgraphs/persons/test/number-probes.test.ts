import { makeIdNumber, Role } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { tokenFor } from '../../../test/harness/auth';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * Duplicate detection without an oracle for whole numbers (issue 14 §2, docs/SECURITY.md
 * "Duplicate detection"): a number registered outside the caller's district is told only as
 * "registered in another district", each such match is audited and counted, and past the daily
 * limit (here 4) the request is refused, nothing written, and marked as a suspected probe.
 */

const OWN = '330302';
const OTHER = '330303';
const LIMIT = 4;
const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const IMPORT = `mutation($rows: [PersonImportRow!]!, $dryRun: Boolean) {
  importPersons(rows: $rows, dryRun: $dryRun) { written registered alreadyRegistered alreadyRegisteredRows errors { row column message } }
}`;
const SEARCH = `query($f: PersonFilter) { persons(filter: $f) { totalCount edges { node { id } } } }`;
const AUDIT = `query($f: AuditEventFilter) { auditEvents(filter: $f, first: 100) { edges { node { action outcome entityId subject detail } } } }`;

let seq = 0;
const number = (district: string) => makeIdNumber(district, '1981-02-03', 2 * ++seq + 1);
const row = (idNumber: string, district = '鹿城区') => ({ name: '探测', idNumber, politicalAffiliation: '群众', category: '自由职业人员', district });
const form = (idNumber: string, districtCode: string) => ({ name: '探测', idNumber, politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode });

describe('numbers registered outside the caller’s district', () => {
  let sg: TestSubgraph<PersonsServices>;
  let district: Record<string, string>;
  const own: string[] = [];
  const elsewhere: { id: string; idNumber: string }[] = [];

  const events = async (f: Record<string, unknown>) => expectData(await sg.request(AUDIT, { f: { subgraph: 'persons', ...f } })).auditEvents.edges.map((e: { node: unknown }) => e.node);
  const total = async () => expectData(await sg.request(SEARCH, { f: { statuses: ['ACTIVE'] } })).persons.totalCount as number;

  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph, { env: { TONGXIN_OUTSIDE_MATCH_LIMIT: String(LIMIT) } });
    district = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OWN, sub: 'clerk-of-lucheng' })}` };
    for (let i = 0; i < 2; i++) {
      const idNumber = number(OWN);
      expectData(await sg.request(REGISTER, { input: form(idNumber, OWN) }));
      own.push(idNumber);
    }
    for (let i = 0; i < 8; i++) {
      const idNumber = number(OTHER);
      const res = expectData(await sg.request(REGISTER, { input: form(idNumber, OTHER) }));
      elsewhere.push({ id: res.registerPerson.person.id, idNumber });
    }
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('an import tells a number of the own district as registered already, and one of another district only as registered elsewhere', async () => {
    const rows = [row(own[0]!), row(elsewhere[0]!.idNumber), row(number(OWN))];
    const report = expectData(await sg.request(IMPORT, { rows, dryRun: true }, district)).importPersons;
    expect(report).toMatchObject({ written: false, registered: 1, alreadyRegistered: 1, alreadyRegisteredRows: [2] });
    expect(report.errors).toEqual([{ row: 3, column: '身份证号', message: expect.stringContaining('身份证号 is registered in another district: ask the city department') }]);
    // Nothing says which district.
    expect(JSON.stringify(report)).not.toMatch(/330303|龙湾/);
    const [match] = await events({ action: 'numberMatchElsewhere' });
    expect(match).toMatchObject({ outcome: 'SUCCEEDED', entityId: elsewhere[0]!.id, subject: 'clerk-of-lucheng', detail: 'importPersons, row 3, dry run' });
  });

  it('a registration tells such a number as CONFLICT without the district, and counts it', async () => {
    const res = await sg.request(REGISTER, { input: form(elsewhere[1]!.idNumber, OWN) }, district);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['CONFLICT']);
    expect(res.errors![0]!.message).toBe('A person with this ID number is registered in another district: ask the city department (市委统战部), which can move the person to your district.');
    expect((await events({ action: 'numberMatchElsewhere' })).length).toBe(2);
  });

  it('a search by a whole number of another district finds nothing, and counts it', async () => {
    expect(expectData(await sg.request(SEARCH, { f: { text: elsewhere[2]!.idNumber } }, district)).persons).toEqual({ totalCount: 0, edges: [] });
    expect((await events({ action: 'numberMatchElsewhere' })).length).toBe(3);
  });

  it('past the limit, an import is refused whole, nothing written, marked as a suspected probe, and its matches spent', async () => {
    const before = await total();
    const rows = [row(number(OWN)), row(elsewhere[3]!.idNumber), row(elsewhere[4]!.idNumber)];
    const res = await sg.request(IMPORT, { rows, dryRun: false }, district);
    expect(res.errors!.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(res.errors![0]!.message).toContain('as many numbers registered outside your district as one person may in a day (4)');
    // The refusal does not say how many of the request's numbers matched.
    expect(res.errors![0]!.message).not.toMatch(/\b2\b/);
    expect(res.data).toBeNull();
    expect(await total()).toBe(before);
    const [probe] = await events({ action: 'suspectedProbe' });
    expect(probe).toMatchObject({ outcome: 'REFUSED', subject: 'clerk-of-lucheng', detail: expect.stringContaining('2 numbers registered outside') });
    const [refused] = await events({ action: 'importPersons', outcome: 'REFUSED' });
    expect(refused.subject).toBe('clerk-of-lucheng');
    // The matches of a refused request are spent, unanswered: refusals cannot be split to find them one by one.
    const matches = await events({ action: 'numberMatchElsewhere' });
    expect(matches.length).toBe(5);
    expect(
      matches
        .filter((m: { outcome: string }) => m.outcome === 'REFUSED')
        .map((m: { entityId: string }) => m.entityId)
        .sort(),
    ).toEqual([elsewhere[3]!.id, elsewhere[4]!.id].sort());
  });

  it('at the limit every look-up by number is refused alike, registered elsewhere, in the own district or not at all: no oracle', async () => {
    const refusedCode = async (res: { errors?: { extensions?: { code?: string } }[] }) => res.errors?.map((e) => e.extensions?.code);
    const unregistered = number(OTHER);
    for (const text of [elsewhere[5]!.idNumber, own[1]!, unregistered]) {
      expect(await refusedCode(await sg.request(SEARCH, { f: { text } }, district))).toEqual(['FORBIDDEN']);
    }
    for (const idNumber of [elsewhere[6]!.idNumber, number(OWN)]) {
      expect(await refusedCode(await sg.request(IMPORT, { rows: [row(idNumber)], dryRun: true }, district))).toEqual(['FORBIDDEN']);
      expect(await refusedCode(await sg.request(REGISTER, { input: form(idNumber, OWN) }, district))).toEqual(['FORBIDDEN']);
    }
    // Searching by name is no look-up by number: still answered.
    expect(expectData(await sg.request(SEARCH, { f: { text: '探测' } }, district)).persons.totalCount).toBe(2);
    // Another clerk has a limit of their own.
    const colleague = { authorization: `Bearer ${await tokenFor({ role: Role.DISTRICT_ADMIN, district: OWN, sub: 'another-clerk' })}` };
    expect(expectData(await sg.request(SEARCH, { f: { text: elsewhere[6]!.idNumber } }, colleague)).persons.totalCount).toBe(0);
    expect(expectData(await sg.request(SEARCH, { f: { text: own[1]! } }, colleague)).persons.totalCount).toBe(1);
  });

  it('the city department has the whole city as its scope: every match is registered already, never limited', async () => {
    const rows = elsewhere.map((p) => row(p.idNumber, '龙湾区'));
    const report = expectData(await sg.request(IMPORT, { rows, dryRun: true })).importPersons;
    expect(report).toMatchObject({ alreadyRegistered: 8, errors: [] });
  });
});
