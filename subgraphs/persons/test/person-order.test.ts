import { makeIdNumber } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/**
 * The order of `persons` (issue 15): the order in which records were entered, oldest first, an
 * import in the order of its rows; not registeredOn, the date on the form, which a clerk may set
 * earlier than the day the record is entered.
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const IMPORT = `mutation($rows: [PersonImportRow!]!) { importPersons(rows: $rows) { registered errors { row message } } }`;
const UPDATE = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { id } } }`;
const PAGE = `query($after: String) {
  persons(first: 2, after: $after, filter: { text: "顺序" }) { edges { node { id name registeredOn version } } pageInfo { hasNextPage endCursor } }
}`;

describe('persons lists the register in the order the records were entered', () => {
  let sg: TestSubgraph<PersonsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  /** Every page of the list, in order. */
  const list = async (): Promise<Array<{ id: string; name: string; registeredOn: string; version: number }>> => {
    const all = [];
    let after: string | null = null;
    for (;;) {
      const page: { edges: Array<{ node: { id: string; name: string; registeredOn: string; version: number } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } = expectData(
        await sg.request(PAGE, { after }),
      ).persons;
      all.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return all;
      after = page.pageInfo.endCursor;
    }
  };

  it('by entry, not by registeredOn (a form entered late), an import in the order of its rows, whatever changes later', async () => {
    const form = (name: string, seq: number, registeredOn?: string) => ({
      name,
      idNumber: makeIdNumber('330302', '1980-01-01', seq),
      politicalAffiliation: 'MASSES',
      category: 'FREELANCER',
      districtCode: '330302',
      ...(registeredOn ? { registeredOn } : {}),
    });
    const a = expectData(await sg.request(REGISTER, { input: form('顺序甲', 1, '2024-05-01') })).registerPerson.person.id;
    expectData(await sg.request(REGISTER, { input: form('顺序乙', 3, '2020-01-02') }));
    expectData(await sg.request(REGISTER, { input: form('顺序丙', 5) }));
    const rows = [
      { name: '顺序丁', idNumber: makeIdNumber('330302', '1980-01-01', 7), politicalAffiliation: '群众', category: '自由职业人员', district: '鹿城区', registeredOn: '2019-03-04' },
      { name: '顺序戊', idNumber: makeIdNumber('330302', '1980-01-01', 9), politicalAffiliation: '群众', category: '自由职业人员', district: '鹿城区', registeredOn: '2024-06-01' },
      { name: '顺序己', idNumber: makeIdNumber('330302', '1980-01-01', 11), politicalAffiliation: '群众', category: '自由职业人员', district: '鹿城区', registeredOn: '2010-07-08' },
    ];
    expect(expectData(await sg.request(IMPORT, { rows })).importPersons).toEqual({ registered: 3, errors: [] });
    // A later change of a record moves nobody.
    expectData(await sg.request(UPDATE, { input: { id: a, expectedVersion: 1, employer: '瓯江律师事务所' } }));

    const listed = await list();
    expect(listed.map((p) => p.name)).toEqual(['顺序甲', '顺序乙', '顺序丙', '顺序丁', '顺序戊', '顺序己']);
    expect(listed.map((p) => [p.registeredOn, p.version])).toEqual([
      ['2024-05-01', 2],
      ['2020-01-02', 1],
      [expect.any(String), 1],
      ['2019-03-04', 1],
      ['2024-06-01', 1],
      ['2010-07-08', 1],
    ]);
    // The order is the ids' (UUIDv7, time first): ascending.
    const ids = listed.map((p) => p.id);
    expect([...ids].sort()).toEqual(ids);
    // registeredOn would have ordered them otherwise.
    expect([...listed].sort((x, y) => x.registeredOn.localeCompare(y.registeredOn)).map((p) => p.name)).not.toEqual(listed.map((p) => p.name));
  });

  it('and its description says so', async () => {
    const schema = expectData(await sg.request(`{ __type(name: "Query") { fields { name description } } }`)).__type.fields as Array<{ name: string; description: string }>;
    const persons = schema.find((f) => f.name === 'persons')!.description;
    expect(persons).toContain('in the order the records were entered');
    expect(persons).toContain('Not by registeredOn');
  });
});
