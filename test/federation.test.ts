import { makeIdNumber } from '@tongxin/common';
import { errorCodes, expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * The federated platform end to end, through the gateway: data made through the API in all four
 * subgraphs comes back in one query, exactly, with a number of SQL statements that does not
 * grow with the number of people.
 */

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id version } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id name } } }`;
const ADD_MEMBERSHIP = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id title } } }`;
const RECORD_PARTICIPATION = `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }`;
const RECORD_EVALUATION = `mutation($input: RecordEvaluationInput!) { recordEvaluation(input: $input) { evaluation { id composite } } }`;

const DISTRICT_QUERY = `query($district: String!, $first: Int!) {
  persons(filter: { districtCode: $district }, first: $first) {
    totalCount
    edges { node {
      id name district { code name }
      memberships { role active organization { id name kind district { code } } }
      participations(first: 5) { totalCount edges { node { role attendance hours activity { id title kind } } } }
      evaluations { year evaluator composite scores { dimension score weight } }
      latestEvaluation { year composite }
    } }
  }
}`;

interface Made {
  personId: string;
  name: string;
  score: number;
}

const SCORES = (base: number) => [
  { dimension: 'POLITICAL_QUALITY', score: base },
  { dimension: 'SOCIAL_CONTRIBUTION', score: base + 4 },
  { dimension: 'PARTICIPATION_ABILITY', score: base - 2 },
  { dimension: 'STRATUM_INFLUENCE', score: base + 2 },
];

let sequence = 0;

async function makeDistrict(p: TestPlatform, districtCode: string, people: number): Promise<{ made: Made[]; orgId: string; activityId: string }> {
  const org = expectData(
    await p.request(CREATE_ORG, {
      input: { name: `${districtCode}新的社会阶层人士联谊会`, kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode },
    }),
  ).createOrganization.organization;
  const activity = expectData(
    await p.request(CREATE_ACTIVITY, {
      input: { title: `${districtCode}年度学习培训`, kind: 'STUDY_TRAINING', districtCode, organizerId: org.id, startsAt: '2026-03-01T01:00:00Z' },
    }),
  ).createActivity.activity;
  const made: Made[] = [];
  const names = '甲乙丙丁戊己庚辛壬癸';
  for (let start = 0; start < people; start += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, people - start) }, async (_, k) => {
        const i = start + k;
        const seq = ++sequence;
        const name = `周${names[i % 10]}${names[Math.floor(i / 10) % 10]}`;
        const person = expectData(
          await p.request(REGISTER, {
            input: {
              name,
              idNumber: makeIdNumber(districtCode, `19${60 + (seq % 40)}-0${1 + (seq % 9)}-1${seq % 10}`, (seq % 500) * 2 + 1),
              politicalAffiliation: 'NON_PARTY',
              category: 'PRIVATE_TECH',
              districtCode,
            },
          }),
        ).registerPerson.person;
        const score = 60 + (i % 30);
        expectData(await p.request(ADD_MEMBERSHIP, { input: { personId: person.id, organizationId: org.id, role: 'MEMBER', startDate: '2025-01-01' } }));
        expectData(await p.request(RECORD_PARTICIPATION, { input: { activityId: activity.id, personId: person.id, attendance: 'ATTENDED', hours: 3.5 } }));
        expectData(await p.request(RECORD_EVALUATION, { input: { personId: person.id, year: 2025, evaluator: '区委统战部', districtCode, scores: SCORES(score) } }));
        return { personId: person.id, name, score };
      }),
    );
    made.push(...batch);
  }
  return { made, orgId: org.id, activityId: activity.id };
}

describe('the federated platform through the gateway', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await startTestPlatform();
  });
  afterAll(async () => {
    await p?.stop();
  });

  it("returns a district's persons with their memberships, participations and evaluations, exactly as made", async () => {
    const { made, orgId, activityId } = await makeDistrict(p, '330324', 10);
    const data = expectData(await p.request(DISTRICT_QUERY, { district: '330324', first: 100 }));
    expect(data.persons.totalCount).toBe(10);
    const byId = new Map(made.map((m) => [m.personId, m]));
    expect(data.persons.edges.map((e: any) => e.node.id)).toEqual(made.map((m) => m.personId).sort());
    for (const { node } of data.persons.edges) {
      const m = byId.get(node.id)!;
      const composite = Math.round(((m.score + m.score + 4 + m.score - 2 + m.score + 2) / 4) * 100) / 100;
      expect(node).toEqual({
        id: m.personId,
        name: m.name,
        district: { code: '330324', name: '永嘉县' },
        memberships: [{ role: 'MEMBER', active: true, organization: { id: orgId, name: '330324新的社会阶层人士联谊会', kind: 'FRIENDSHIP_ASSOCIATION', district: { code: '330324' } } }],
        participations: {
          totalCount: 1,
          edges: [{ node: { role: 'PARTICIPANT', attendance: 'ATTENDED', hours: 3.5, activity: { id: activityId, title: '330324年度学习培训', kind: 'STUDY_TRAINING' } } }],
        },
        evaluations: [
          {
            year: 2025,
            evaluator: '区委统战部',
            composite,
            scores: SCORES(m.score).map((s) => ({ ...s, weight: 0.25 })),
          },
        ],
        latestEvaluation: { year: 2025, composite },
      });
    }
  });

  it('sends the same number of SQL statements for 10 persons as for 200', async () => {
    await makeDistrict(p, '330328', 10);
    await makeDistrict(p, '330329', 200);
    const small = await p.statements(() => p.request(DISTRICT_QUERY, { district: '330328', first: 500 }));
    const large = await p.statements(() => p.request(DISTRICT_QUERY, { district: '330329', first: 500 }));
    expect(expectData(small.result).persons.edges).toHaveLength(10);
    expect(expectData(large.result).persons.edges).toHaveLength(200);
    expect(large.bySubgraph).toEqual(small.bySubgraph);
    expect(small.statements).toBeLessThanOrEqual(12);
  });

  describe('refuses bad input through the gateway with a clear, coded error and writes nothing', () => {
    const count = async () => expectData(await p.request(`{ persons(first: 1, filter: { districtCode: "330383" }) { totalCount } }`)).persons.totalCount;
    const form = (overrides: Record<string, unknown>) => ({
      input: {
        name: '郑一',
        idNumber: makeIdNumber('330383', '1990-01-01', 11),
        politicalAffiliation: 'MASSES',
        category: 'SELF_EMPLOYED',
        districtCode: '330383',
        ...overrides,
      },
    });

    it.each([
      ['an invalid ID number', { idNumber: '330383199001010110' }, 'BAD_USER_INPUT', 'input.idNumber'],
      ['an unknown district code', { districtCode: '330399' }, 'BAD_USER_INPUT', 'input.districtCode'],
      ['an over-long name', { name: '郑'.repeat(51) }, 'BAD_USER_INPUT', 'input.name'],
      ['an over-long community', { community: '社'.repeat(51) }, 'BAD_USER_INPUT', 'input.community'],
    ])('%s', async (_label, overrides, code, field) => {
      const before = await count();
      const res = await p.request(REGISTER, form(overrides));
      expect(errorCodes(res)).toEqual([code]);
      expect(res.errors![0]!.message).toContain(field);
      expect(res.errors![0]!.extensions!.field).toBe(field);
      expect(await count()).toBe(before);
    });

    it('a stale version', async () => {
      const person = expectData(await p.request(REGISTER, form({ idNumber: makeIdNumber('330383', '1991-02-03', 21) }))).registerPerson.person;
      const update = `mutation($input: UpdatePersonInput!) { updatePerson(input: $input) { person { version employer } } }`;
      expectData(await p.request(update, { input: { id: person.id, expectedVersion: 1, employer: '龙港印刷厂' } }));
      const stale = await p.request(update, { input: { id: person.id, expectedVersion: 1, employer: '别处' } });
      expect(errorCodes(stale)).toEqual(['CONFLICT']);
      const now = expectData(await p.request(`query($id: ID!) { person(id: $id) { employer version } }`, { id: person.id }));
      expect(now.person).toEqual({ employer: '龙港印刷厂', version: 2 });
    });

    it('an unknown district in another subgraph', async () => {
      const res = await p.request(CREATE_ORG, { input: { name: '某联谊会', kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode: '110101' } });
      expect(errorCodes(res)).toEqual(['BAD_USER_INPUT']);
      const list = expectData(await p.request(`{ organizations(filter: { text: "某联谊会" }) { totalCount } }`));
      expect(list.organizations.totalCount).toBe(0);
    });
  });
});
