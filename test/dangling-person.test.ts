import { makeIdNumber, randomIds } from '@tongxin/common';
import { expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';
import { publishPersons } from './harness/published-persons';

/**
 * organizations, activities and evaluation cannot read the register. activities and evaluation
 * accept any well-formed person id; organizations only persons its replica of the register knows
 * (issue 15), so here the ghost is one the replica knows and the register does not (a record lost
 * from the persons database, a backup restored on one side only). A membership, participation or
 * evaluation of an id that is not (or no longer) in the register must still come back through the
 * gateway, with `person: null`, and must not take its parent (the organization, the activity, the
 * evaluation) down with it.
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD_MEMBERSHIP = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`;
const RECORD_PARTICIPATION = `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }`;
const RECORD_EVALUATION = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id } } }`;

const SCORES = [
  { dimension: 'POLITICAL_QUALITY', score: 80 },
  { dimension: 'SOCIAL_CONTRIBUTION', score: 82 },
  { dimension: 'PARTICIPATION_ABILITY', score: 78 },
  { dimension: 'STRATUM_INFLUENCE', score: 84 },
];

describe('references to a person who is not in the register', () => {
  let p: TestPlatform;
  let ghost: string;
  let real: string;
  let orgId: string;
  let activityId: string;
  let ghostEvaluation: string;
  let realEvaluation: string;

  beforeAll(async () => {
    p = await startTestPlatform();
    ghost = randomIds.next();
    real = expectData(
      await p.request(REGISTER, {
        input: {
          name: '林实',
          idNumber: makeIdNumber('330381', '1985-05-05', 13),
          politicalAffiliation: 'NON_PARTY',
          category: 'PRIVATE_TECH',
          districtCode: '330381',
        },
      }),
    ).registerPerson.person.id;
    orgId = expectData(await p.request(CREATE_ORG, { input: { name: '瑞安市新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '330381' } })).createOrganization
      .organization.id;
    activityId = expectData(
      await p.request(CREATE_ACTIVITY, {
        input: { title: '瑞安年度学习培训', kind: 'STUDY_TRAINING', districtCode: '330381', organizerId: orgId, startsAt: '2026-03-01T01:00:00Z' },
      }),
    ).createActivity.activity.id;
    await publishPersons(p.subgraphs.organizations!.services, [ghost], '330381');
    for (const personId of [real, ghost]) {
      expectData(await p.request(ADD_MEMBERSHIP, { input: { personId, organizationId: orgId, role: 'MEMBER', startDate: '2025-01-01' } }));
      expectData(await p.request(RECORD_PARTICIPATION, { input: { activityId, personId, attendance: 'ATTENDED', hours: 2 } }));
    }
    realEvaluation = expectData(await p.request(RECORD_EVALUATION, { input: { personId: real, year: 2025, evaluator: '市委统战部', districtCode: '330300', scores: SCORES } })).recordEvaluation
      .evaluation.id;
    ghostEvaluation = expectData(await p.request(RECORD_EVALUATION, { input: { personId: ghost, year: 2025, evaluator: '市委统战部', districtCode: '330300', scores: SCORES } })).recordEvaluation
      .evaluation.id;
  });
  afterAll(async () => {
    await p?.stop();
  });

  it("keeps the organization's members list, with person: null for the missing one", async () => {
    const res = await p.request(`query($id: ID!) { organization(id: $id) { id members { edges { node { role person { id name } } } } } }`, { id: orgId });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      organization: {
        id: orgId,
        members: {
          edges: [{ node: { role: 'MEMBER', person: { id: real, name: '林实' } } }, { node: { role: 'MEMBER', person: null } }],
        },
      },
    });
  });

  it("keeps the activity's participations, with person: null for the missing one", async () => {
    const res = await p.request(`query($id: ID!) { activity(id: $id) { id participations { totalCount edges { node { hours person { id name } } } } } }`, {
      id: activityId,
    });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      activity: {
        id: activityId,
        participations: {
          totalCount: 2,
          edges: [{ node: { hours: 2, person: { id: real, name: '林实' } } }, { node: { hours: 2, person: null } }],
        },
      },
    });
  });

  it('keeps the evaluation, with person: null', async () => {
    const query = `query($id: ID!) { evaluation(id: $id) { id year composite person { id name } } }`;
    const ghostRes = await p.request(query, { id: ghostEvaluation });
    expect(ghostRes.errors).toBeUndefined();
    expect(ghostRes.data).toEqual({ evaluation: { id: ghostEvaluation, year: 2025, composite: 81, person: null } });
    const realRes = await p.request(query, { id: realEvaluation });
    expect(realRes.data).toEqual({ evaluation: { id: realEvaluation, year: 2025, composite: 81, person: { id: real, name: '林实' } } });
  });

  it('keeps lists of evaluations whole', async () => {
    const res = await p.request(`{ evaluations(first: 10) { totalCount edges { node { id person { name } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data!.evaluations.edges.map((e: any) => e.node);
    expect(res.data!.evaluations.totalCount).toBe(2);
    expect(nodes).toEqual(
      expect.arrayContaining([
        { id: realEvaluation, person: { name: '林实' } },
        { id: ghostEvaluation, person: null },
      ]),
    );
  });
});
