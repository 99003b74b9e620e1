import { makeIdNumber, Role } from '@tongxin/common';
import { tokenFor } from './harness/auth';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Issue 5, part 1 through the gateway: an activity's life (open, under way, finished) with
 * registrations, attendance and hours; Person.activitySummary on a list of the register in one
 * statement of the activities subgraph whatever the number of persons; activityStats.
 */

const OWN = '330304'; // 瓯海区
let seq = 0;
const form = () => {
  seq += 1;
  return {
    name: '周明',
    idNumber: makeIdNumber(OWN, '1979-03-15', 300 + seq * 2),
    politicalAffiliation: 'NON_PARTY',
    category: 'FREELANCER',
    districtCode: OWN,
  };
};

const Q = {
  register: `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`,
  create: `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id version } } }`,
  update: `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { id status version } } }`,
  record: `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id version } } }`,
  attend: `mutation($input: UpdateParticipationInput!) { updateParticipation(input: $input) { participation { id attendance hours version person { id name } } } }`,
  persons: `query($first: Int) { persons(first: $first, filter: { districtCode: "${OWN}" }) { edges { node { id name activitySummary { joined attended hours byKind { kind joined attended hours } } } } } }`,
  person: `query($id: ID!) { person(id: $id) { id activitySummary { joined hours } } }`,
  stats: `query { activityStats(groupBy: [KIND, MONTH], filter: { districtCode: "${OWN}" }) { kind month activities participations attended hours } }`,
};

describe('activities through the gateway: life of an activity, summaries and statistics', () => {
  let p: TestPlatform;
  let persons: string[];
  const city = async (query: string, variables: Record<string, unknown> = {}) => expectData(await p.request(query, variables));

  beforeAll(async () => {
    p = await startTestPlatform();
    persons = [];
    for (let i = 0; i < 10; i++) persons.push((await city(Q.register, { input: form() })).registerPerson.person.id);
  });
  afterAll(async () => {
    await p?.stop();
  });

  it('runs an activity from registration to hours, and sums them per person in one statement for 2 or 10 persons', async () => {
    const { id } = (await city(Q.create, { input: { title: '瓯海区新阶层人士培训班', kind: 'STUDY_TRAINING', districtCode: OWN, startsAt: '2026-03-02T09:00:00+08:00', capacity: 20 } })).createActivity
      .activity;
    await city(Q.update, { input: { id, expectedVersion: 1, status: 'OPEN' } });
    const registrations = [];
    for (const personId of persons) registrations.push((await city(Q.record, { input: { activityId: id, personId } })).recordParticipation.participation.id);
    // Attendance is for an activity under way.
    const early = await p.request(Q.attend, { input: { id: registrations[0], expectedVersion: 1, attendance: 'ATTENDED', hours: 3 } });
    expect(errorCodes(early)).toEqual(['CONFLICT']);
    await city(Q.update, { input: { id, expectedVersion: 2, status: 'ONGOING' } });
    for (const [i, r] of registrations.entries()) {
      const res = (await city(Q.attend, { input: { id: r, expectedVersion: 1, ...(i % 2 === 0 ? { attendance: 'ATTENDED', hours: 3.5 } : { attendance: 'ABSENT' }) } })).updateParticipation
        .participation;
      expect(res.person).toEqual({ id: persons[i], name: '周明' });
    }
    expect((await city(Q.update, { input: { id, expectedVersion: 3, status: 'COMPLETED' } })).updateActivity.activity).toMatchObject({ status: 'COMPLETED', version: 4 });
    // Finished: no new participations.
    expect(errorCodes(await p.request(Q.record, { input: { activityId: id, personId: persons[0] } }))).toEqual(['CONFLICT']);

    const measure = async (first: number) => {
      const { result, bySubgraph } = await p.statements(() => p.request(Q.persons, { first }));
      const nodes = expectData(result).persons.edges.map((e: any) => e.node);
      expect(nodes).toHaveLength(first);
      for (const n of nodes) {
        const i = persons.indexOf(n.id);
        expect(n.activitySummary).toEqual(
          i % 2 === 0
            ? { joined: 1, attended: 1, hours: 3.5, byKind: [{ kind: 'STUDY_TRAINING', joined: 1, attended: 1, hours: 3.5 }] }
            : { joined: 1, attended: 0, hours: 0, byKind: [{ kind: 'STUDY_TRAINING', joined: 1, attended: 0, hours: 0 }] },
        );
      }
      return bySubgraph.activities;
    };
    expect(await measure(2)).toBe(1);
    expect(await measure(10)).toBe(1);
  });

  it('lets a person read their own summary, not somebody else', async () => {
    const own = { authorization: `Bearer ${await tokenFor({ role: Role.PERSON, person: persons[0]! })}` };
    expect(expectData(await p.request(Q.person, { id: persons[0] }, own)).person.activitySummary).toEqual({ joined: 1, hours: 3.5 });
    const other = await p.request(Q.person, { id: persons[1] }, own);
    expect(errorCodes(other)).toEqual(['FORBIDDEN']); // the record itself is refused
  });

  it('counts activities, participations and hours by kind and China month', async () => {
    expect((await city(Q.stats)).activityStats).toEqual([{ kind: 'STUDY_TRAINING', month: '2026-03', activities: 1, participations: 10, attended: 5, hours: 17.5 }]);
  });
});
