import { makeIdNumber } from '@tongxin/common';
import { personsSubgraph, PersonsServices } from '@tongxin/persons';
import { expectData } from '../../../test/harness/graphql-client';
import { startTestSubgraph, TestSubgraph } from '../../../test/harness/subgraph';

/** personStats counts registered persons only (DOMAIN.md, "Counting people"), as every other count does. */
describe('personStats', () => {
  let sg: TestSubgraph<PersonsServices>;
  beforeAll(async () => {
    sg = await startTestSubgraph(personsSubgraph);
  });
  afterAll(async () => {
    await sg?.stop();
  });

  it('counts ACTIVE persons unless the filter names other statuses', async () => {
    const ids: { id: string; version: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const res = expectData(
        await sg.request(`mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`, {
          input: { name: '计数', idNumber: makeIdNumber('330302', '1970-01-02', 2 * i + 1), politicalAffiliation: 'MASSES', category: 'FREELANCER', districtCode: '330302' },
        }),
      );
      ids.push(res.registerPerson.person);
    }
    expectData(
      await sg.request(`mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { status } } }`, {
        input: { id: ids[0]!.id, expectedVersion: ids[0]!.version, status: 'MOVED_AWAY' },
      }),
    );
    expectData(await sg.request(`mutation($input: ArchivePersonInput!) { archivePerson(input: $input) { person { status } } }`, { input: { id: ids[1]!.id, expectedVersion: ids[1]!.version } }));
    const count = async (filter: Record<string, unknown>) =>
      expectData(await sg.request(`query($f: PersonFilter) { personStats(groupBy: [], filter: $f) { count } }`, { f: { text: '计数', ...filter } })).personStats[0].count as number;
    expect(await count({})).toBe(1);
    expect(await count({ statuses: ['ACTIVE', 'MOVED_AWAY'] })).toBe(2);
    expect(await count({ statuses: ['ARCHIVED'] })).toBe(1);
  });
});
