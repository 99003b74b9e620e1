import { ConfigError, makeIdNumber, Role, streetsOf, subgraphOptionsFromEnv } from '@tongxin/common';
import type { PersonsServices } from '@tongxin/persons';
import { personsSubgraph } from '@tongxin/persons';
import { tokenFor } from './harness/auth';
import { expectData } from './harness/graphql-client';
import { startTestPlatform, TestPlatform } from './harness/platform';

/**
 * Statistics that cannot single out a person (issue 14 §3; docs/SECURITY.md, "Statistics").
 * Through the gateway, with the default k = 5 unless a test sets TONGXIN_STATS_MIN_GROUP: below
 * city administrators and a district's own administrators, every statistic of persons suppresses
 * groups under k (with the flag), complements a lone small group, and rounds what it shows to a
 * multiple of k; those who may read the records see them exactly.
 */

const LUCHENG = '330302';
const LONGWAN = '330303';
const COMMUNITY = '统计测试社区';
const YEAR = new Date().getFullYear();

const REGISTER = `mutation($input: RegisterPersonInput!) { registerPerson(input: $input) { person { id } } }`;
const CREATE_ORG = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { organization { id } } }`;
const ADD = `mutation($input: AddMembershipInput!) { addMembership(input: $input) { membership { id } } }`;
const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } } }`;
const PARTICIPATE = `mutation($input: RecordParticipationInput!) { recordParticipation(input: $input) { participation { id } } }`;
const POOL = `mutation($input: AddToTalentPoolInput!) { addToTalentPool(input: $input) { entry { id } } }`;

const PERSON_STATS = `query($g: [PersonStatsDimension!]!, $f: PersonFilter) {
  personStats(groupBy: $g, filter: $f) { district { code } profession politicalAffiliation education returnee count suppressed }
}`;
const ORG = `query($id: ID!) {
  organization(id: $id) { memberCount memberStats { running left roleChanges suppressed byRole { role count suppressed } joinedPerYear { year count suppressed } } }
}`;
const MATRIX = `{ crossDistrictMatrix { personDistrict { code } organizationDistrict { code } persons memberships suppressed } }`;
const ACTIVITY = `query($id: ID!) { activity(id: $id) { participantCount } }`;
const ACTIVITY_STATS = `query($g: [ActivityStatsDimension!]!, $f: ActivityFilter) {
  activityStats(groupBy: $g, filter: $f) { district { code } activities participations attended hours suppressed }
}`;
const SUMMARY = `query($id: ID!) { person(id: $id) { activitySummary { joined attended hours byKind { kind } suppressed } } }`;
const COMPLIANCE = `query($year: Int!) { talentPoolCompliance(year: $year) { district { code } count underReview shortfall compliant suppressed } }`;

type Headers = Record<string, string>;
let seq = 0;

describe('statistics that cannot single out a person', () => {
  let p: TestPlatform;
  let street: string;
  /** 11 lawyers and one accountant (the target) in one community of 鹿城区. */
  const lawyers: string[] = [];
  let target: string;
  /** Three more persons registered in 鹿城区, for a small organization. */
  const few: string[] = [];
  let smallOrg: string;
  let largeOrg: string;
  let smallActivity: string;
  let largeActivity: string;
  const as: Record<string, Headers> = {};

  const bearer = async (claims: Parameters<typeof tokenFor>[0]): Promise<Headers> => ({ authorization: `Bearer ${await tokenFor(claims)}` });
  const register = async (input: Record<string, unknown>): Promise<string> => {
    seq += 1;
    const idNumber = makeIdNumber(LUCHENG, '1980-03-04', 2 * seq + 1);
    const name = `统计${'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'[seq % 20]}${'一二三四五六七八九十'[Math.floor(seq / 20) % 10]}`;
    return expectData(await p.request(REGISTER, { input: { name, idNumber, category: 'FREELANCER', districtCode: LUCHENG, ...input } })).registerPerson.person.id;
  };
  const personStats = async (g: string[], f: Record<string, unknown>, h?: Headers) => expectData(await p.request(PERSON_STATS, { g, f }, h)).personStats as any[];
  const org = async (id: string, h?: Headers) => expectData(await p.request(ORG, { id }, h)).organization;
  const suppressedRow = { district: null, profession: null, politicalAffiliation: null, education: null, returnee: null, count: null, suppressed: true };

  beforeAll(async () => {
    p = await startTestPlatform();
    street = streetsOf(LUCHENG)[0]!.code;
    const inCommunity = { streetCode: street, community: COMMUNITY };
    for (let i = 0; i < 11; i++) {
      lawyers.push(await register({ ...inCommunity, category: 'INTERMEDIARY', profession: 'LAWYER', politicalAffiliation: i < 7 ? 'CPC_MEMBER' : 'MASSES', education: i < 3 ? 'MASTER' : 'BACHELOR' }));
    }
    target = await register({ ...inCommunity, category: 'PRIVATE_TECH', profession: 'ENTREPRENEUR', politicalAffiliation: 'CDL', education: 'DOCTORATE', returnee: true, returneeCountry: '英国' });
    for (let i = 0; i < 3; i++) few.push(await register({ politicalAffiliation: 'MASSES' }));

    const createOrg = async (name: string, districtCode: string) =>
      expectData(await p.request(CREATE_ORG, { input: { name, kind: 'FRIENDSHIP_ASSOCIATION', level: 'DISTRICT', districtCode } })).createOrganization.organization.id as string;
    smallOrg = await createOrg('鹿城统计联谊会', LUCHENG);
    largeOrg = await createOrg('龙湾统计联谊会', LONGWAN);
    const join = async (personId: string, organizationId: string) => expectData(await p.request(ADD, { input: { personId, organizationId, role: 'MEMBER', startDate: '2024-01-01' } }));
    for (const id of few) await join(id, smallOrg);
    for (const id of lawyers.slice(0, 7)) await join(id, largeOrg);
    const persons = p.subgraphs.persons!.services as PersonsServices;
    await persons.outbox.nudge();
    expect(await persons.outbox.pending()).toBe(0);

    const createActivity = async (title: string, districtCode: string, organizerId: string) =>
      expectData(await p.request(CREATE_ACTIVITY, { input: { title, kind: 'STUDY_TRAINING', districtCode, organizerId, startsAt: '2026-03-01T02:00:00Z', status: 'ONGOING' } })).createActivity.activity
        .id as string;
    smallActivity = await createActivity('鹿城小组学习', LUCHENG, smallOrg);
    largeActivity = await createActivity('龙湾集中学习', LONGWAN, largeOrg);
    const participate = async (activityId: string, personId: string) => expectData(await p.request(PARTICIPATE, { input: { activityId, personId, attendance: 'ATTENDED', hours: 2 } }));
    for (const id of few) await participate(smallActivity, id);
    for (const id of lawyers.slice(0, 6)) await participate(largeActivity, id);
    await participate(largeActivity, target);

    const pool = async (personId: string, districtCode: string) => expectData(await p.request(POOL, { input: { personId, level: 'DISTRICT', districtCode, year: YEAR, reason: '统计测试入库' } }));
    for (const id of few) await pool(id, LUCHENG);
    for (const id of lawyers.slice(0, 7)) await pool(id, LONGWAN);

    as.analyst = await bearer({ role: Role.ANALYST });
    as.association = await bearer({ role: Role.ASSOCIATION_ADMIN, org: smallOrg });
    as.lucheng = await bearer({ role: Role.DISTRICT_ADMIN, district: LUCHENG });
    as.longwan = await bearer({ role: Role.DISTRICT_ADMIN, district: LONGWAN });
  });
  afterAll(async () => {
    delete process.env.TONGXIN_STATS_MIN_GROUP;
    await p?.stop();
  });

  describe('personStats', () => {
    const targetFilter = { community: COMMUNITY, profession: 'ENTREPRENEUR' };
    const attributes = ['POLITICAL_AFFILIATION', 'EDUCATION', 'RETURNEE'];

    it("the issue's example: an association administrator filtering to one community and profession learns nothing of the one person there", async () => {
      for (const who of [as.association, as.analyst]) {
        expect(await personStats(attributes, targetFilter, who)).toEqual([suppressedRow]);
        expect(await personStats([], targetFilter, who)).toEqual([suppressedRow]);
        // Probing an attribute with a filter: "it is CDL" and "it is not" answer alike (0 is suppressed too).
        const yes = await personStats([], { ...targetFilter, politicalAffiliation: 'CDL' }, who);
        const no = await personStats([], { ...targetFilter, politicalAffiliation: 'CPC_MEMBER' }, who);
        expect(yes).toEqual([suppressedRow]);
        expect(no).toEqual(yes);
        expect(await personStats(['EDUCATION'], { ...targetFilter, returnee: true }, who)).toEqual(await personStats(['EDUCATION'], { ...targetFilter, returnee: false }, who));
      }
    });

    it('stacked filters cannot subtract a suppressed group from a total', async () => {
      const who = as.association;
      // The community holds 12, the lawyers among them 11: the one non-lawyer would be the difference.
      const community = await personStats([], { community: COMMUNITY }, who);
      const lawyersOnly = await personStats([], { community: COMMUNITY, profession: 'LAWYER' }, who);
      expect(community).toEqual([expect.objectContaining({ count: 10, suppressed: false })]);
      expect(lawyersOnly).toEqual(community);
      // Grouped by profession the lone entrepreneur is suppressed, and with it the lawyers (complementary
      // suppression): the shown groups never sum to the total minus one small group.
      expect(await personStats(['PROFESSION'], { community: COMMUNITY }, who)).toEqual([suppressedRow]);
      // By affiliation: CPC 7 is shown rounded; MASSES 4 and CDL 1 are suppressed together (5 ≥ k), values withheld.
      expect(await personStats(['POLITICAL_AFFILIATION'], { community: COMMUNITY }, who)).toEqual([
        { ...suppressedRow, politicalAffiliation: 'CPC_MEMBER', count: 5, suppressed: false },
        suppressedRow,
      ]);
      // Whatever is shown to this role is a multiple of k and at least k.
      for (const g of [['EDUCATION'], ['GENDER'], ['DISTRICT', 'RETURNEE'], ['CATEGORY', 'POLITICAL_AFFILIATION']]) {
        for (const row of await personStats(g, {}, who)) {
          if (row.suppressed) expect(row).toEqual(suppressedRow);
          else expect(row.count % 5 === 0 && row.count >= 5).toBe(true);
        }
      }
    });

    it('city administrators and a district’s own administrators see exact small groups, unflagged', async () => {
      const exact = [{ ...suppressedRow, politicalAffiliation: 'CDL', education: 'DOCTORATE', returnee: true, count: 1, suppressed: false }];
      expect(await personStats(attributes, targetFilter)).toEqual(exact);
      expect(await personStats(attributes, targetFilter, as.lucheng)).toEqual(exact);
      expect(await personStats([], { community: COMMUNITY, profession: 'LAWYER' }, as.lucheng)).toEqual([expect.objectContaining({ count: 11, suppressed: false })]);
      expect(await personStats([], { ...targetFilter, politicalAffiliation: 'CPC_MEMBER' })).toEqual([expect.objectContaining({ count: 0, suppressed: false })]);
    });

    it('honours the configured k, and refuses a bad one at start', async () => {
      const masters = { community: COMMUNITY, profession: 'LAWYER' };
      // 3 lawyers hold a master's degree: suppressed under k = 5, shown (as a multiple of 3) under k = 3.
      const byEducation = async () => (await personStats(['EDUCATION'], masters, as.analyst)).find((r) => r.education === 'MASTER');
      expect(await byEducation()).toBeUndefined();
      process.env.TONGXIN_STATS_MIN_GROUP = '3';
      try {
        expect(await byEducation()).toEqual({ ...suppressedRow, education: 'MASTER', count: 3, suppressed: false });
        expect((await personStats(['EDUCATION'], masters, as.analyst)).find((r) => r.education === 'BACHELOR')).toMatchObject({ count: 9 });
      } finally {
        delete process.env.TONGXIN_STATS_MIN_GROUP;
      }
      for (const bad of ['1', '0', 'five', '1001']) {
        expect(() => subgraphOptionsFromEnv(personsSubgraph, { TONGXIN_STATS_MIN_GROUP: bad })).toThrow(new ConfigError(`TONGXIN_STATS_MIN_GROUP=${bad} is not a whole number from 2 to 1000`));
      }
      expect(() => subgraphOptionsFromEnv(personsSubgraph, { TONGXIN_STATS_MIN_GROUP: '10' })).not.toThrow();
    });
  });

  describe('members', () => {
    it('memberCount and memberStats: exact for those who read the memberships, suppressed or rounded for the others', async () => {
      const hidden = {
        memberCount: null,
        memberStats: {
          running: null,
          left: null,
          roleChanges: null,
          suppressed: true,
          byRole: [{ role: 'MEMBER', count: null, suppressed: true }],
          joinedPerYear: [{ year: 2024, count: null, suppressed: true }],
        },
      };
      const exactSmall = {
        memberCount: 3,
        memberStats: {
          running: 3,
          left: 0,
          roleChanges: 0,
          suppressed: false,
          byRole: [{ role: 'MEMBER', count: 3, suppressed: false }],
          joinedPerYear: [{ year: 2024, count: 3, suppressed: false }],
        },
      };
      const roundedLarge = {
        memberCount: 5,
        memberStats: {
          running: 5,
          left: null,
          roleChanges: null,
          suppressed: true,
          byRole: [{ role: 'MEMBER', count: 5, suppressed: false }],
          joinedPerYear: [{ year: 2024, count: 5, suppressed: false }],
        },
      };
      expect(await org(smallOrg, as.analyst)).toEqual(hidden);
      expect(await org(smallOrg, as.longwan)).toEqual(hidden);
      // Its own organization's numbers are the association administrator's own data; the district's, its administrators'.
      expect(await org(smallOrg, as.association)).toEqual(exactSmall);
      expect(await org(smallOrg, as.lucheng)).toEqual(exactSmall);
      expect(await org(smallOrg)).toEqual(exactSmall);
      expect(await org(largeOrg, as.association)).toEqual(roundedLarge);
      expect(await org(largeOrg, as.analyst)).toEqual(roundedLarge);
      expect((await org(largeOrg, as.longwan)).memberCount).toBe(7);
    });

    it('the cross-district matrix: cells of a district administrator’s own organizations exact, the others controlled', async () => {
      const matrix = async (h?: Headers) =>
        (expectData(await p.request(MATRIX, {}, h)).crossDistrictMatrix as any[]).map((c) => ({
          from: c.personDistrict.code,
          to: c.organizationDistrict.code,
          persons: c.persons,
          memberships: c.memberships,
          suppressed: c.suppressed,
        }));
      expect(await matrix()).toEqual([
        { from: LUCHENG, to: LUCHENG, persons: 3, memberships: 3, suppressed: false },
        { from: LUCHENG, to: LONGWAN, persons: 7, memberships: 7, suppressed: false },
      ]);
      // 3 is under k, and 7 is suppressed with it: otherwise a known total would give the 3 back.
      expect(await matrix(as.analyst)).toEqual([
        { from: LUCHENG, to: LUCHENG, persons: null, memberships: null, suppressed: true },
        { from: LUCHENG, to: LONGWAN, persons: null, memberships: null, suppressed: true },
      ]);
      expect(await matrix(as.lucheng)).toEqual([
        { from: LUCHENG, to: LUCHENG, persons: 3, memberships: 3, suppressed: false },
        { from: LUCHENG, to: LONGWAN, persons: 5, memberships: 5, suppressed: false },
      ]);
      // 龙湾区's administrator sees the cells with 龙湾区 on one side only: its organizations' members, exactly.
      expect(await matrix(as.longwan)).toEqual([{ from: LUCHENG, to: LONGWAN, persons: 7, memberships: 7, suppressed: false }]);
    });
  });

  describe('activities', () => {
    const count = async (id: string, h?: Headers) => expectData(await p.request(ACTIVITY, { id }, h)).activity.participantCount;
    const stats = async (g: string[], f: Record<string, unknown> | null, h?: Headers) => expectData(await p.request(ACTIVITY_STATS, { g, f }, h)).activityStats;

    it('participantCount: exact for the activity’s district and organizer, controlled for the others', async () => {
      expect(await count(smallActivity)).toBe(3);
      expect(await count(smallActivity, as.association)).toBe(3);
      expect(await count(smallActivity, as.lucheng)).toBe(3);
      expect(await count(smallActivity, as.analyst)).toBeNull();
      expect(await count(smallActivity, as.longwan)).toBeNull();
      expect(await count(largeActivity, as.analyst)).toBe(5);
      expect(await count(largeActivity, as.longwan)).toBe(7);
    });

    it('activityStats: small groups suppressed with their complement, the rest rounded, own district exact', async () => {
      const lucheng = { district: { code: LUCHENG }, activities: 1 };
      const longwan = { district: { code: LONGWAN }, activities: 1 };
      expect(await stats(['DISTRICT'], null)).toEqual([
        { ...lucheng, participations: 3, attended: 3, hours: 6, suppressed: false },
        { ...longwan, participations: 7, attended: 7, hours: 14, suppressed: false },
      ]);
      expect(await stats(['DISTRICT'], null, as.analyst)).toEqual([
        { ...lucheng, participations: null, attended: null, hours: null, suppressed: true },
        { ...longwan, participations: null, attended: null, hours: null, suppressed: true },
      ]);
      expect(await stats(['DISTRICT'], null, as.lucheng)).toEqual([
        { ...lucheng, participations: 3, attended: 3, hours: 6, suppressed: false },
        { ...longwan, participations: 5, attended: 5, hours: 15, suppressed: false },
      ]);
      expect(await stats([], { organizerId: smallOrg }, as.association)).toEqual([{ district: null, activities: 1, participations: 3, attended: 3, hours: 6, suppressed: false }]);
      expect(await stats([], { organizerId: smallOrg }, as.analyst)).toEqual([{ district: null, activities: 1, participations: null, attended: null, hours: null, suppressed: true }]);
      expect(await stats([], null, as.analyst)).toEqual([{ district: null, activities: 2, participations: 10, attended: 10, hours: 20, suppressed: false }]);
    });

    it('Person.activitySummary is one person: exact for city administrators, suppressed for the other roles', async () => {
      const summary = async (id: string, h?: Headers) => expectData(await p.request(SUMMARY, { id }, h)).person.activitySummary;
      const hidden = { joined: null, attended: null, hours: null, byKind: [], suppressed: true };
      expect(await summary(target)).toEqual({ joined: 1, attended: 1, hours: 2, byKind: [{ kind: 'STUDY_TRAINING' }], suppressed: false });
      expect(await summary(target, as.analyst)).toEqual(hidden);
      expect(await summary(target, as.lucheng)).toEqual(hidden);
      // A member of its organization, in an activity it organized: the summary spans every activity.
      expect(await summary(few[0]!)).toMatchObject({ joined: 1, suppressed: false });
      expect(await summary(few[0]!, as.association)).toEqual(hidden);
    });
  });

  describe('talent pools', () => {
    it('talentPoolCompliance: a district’s own pool exact, the others controlled', async () => {
      const pools = async (h?: Headers) => {
        const rows = expectData(await p.request(COMPLIANCE, { year: YEAR }, h)).talentPoolCompliance as any[];
        return Object.fromEntries(rows.filter((r) => [LUCHENG, LONGWAN].includes(r.district.code)).map((r) => [r.district.code, r]));
      };
      expect(await pools()).toEqual({
        [LUCHENG]: { district: { code: LUCHENG }, count: 3, underReview: 0, shortfall: 47, compliant: false, suppressed: false },
        [LONGWAN]: { district: { code: LONGWAN }, count: 7, underReview: 0, shortfall: 43, compliant: false, suppressed: false },
      });
      expect(await pools(as.analyst)).toEqual({
        [LUCHENG]: { district: { code: LUCHENG }, count: null, underReview: null, shortfall: null, compliant: false, suppressed: true },
        [LONGWAN]: { district: { code: LONGWAN }, count: 5, underReview: null, shortfall: 45, compliant: false, suppressed: true },
      });
      expect((await pools(as.lucheng))[LUCHENG]).toEqual({ district: { code: LUCHENG }, count: 3, underReview: 0, shortfall: 47, compliant: false, suppressed: false });
      expect((await pools(as.lucheng))[LONGWAN]).toMatchObject({ count: 5, shortfall: 45 });
    });
  });
});
