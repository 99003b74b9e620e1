import { CITY, COUNTY_LEVEL_UNITS, SeededRandom, streetsOf } from '@tongxin/common';
import type { MeetingDraft, MembershipDraft, OrganizationDraft } from '@tongxin/organizations';
import { communitiesOf, DemoPerson } from './persons.demo';
import { isoDate, unitName } from './vocabulary';

/** What later steps need to know of a generated organization. */
export interface DemoOrganization {
  id: string;
  kind: string;
  level: string;
  districtCode: string;
  /** Members chosen so far (person ids), to draw participants from. */
  members: string[];
  /** Leadership roles handed out so far. */
  leaders: number;
}

type Level = 'CITY' | 'DISTRICT' | 'STREET' | 'COMMUNITY';

interface OrgSpec {
  key: string;
  parentKey?: string;
  draft: OrganizationDraft;
}

const UNIT_NAMES = ['统战部', '组织部', '民政局', '人力社保局', '市场监管局', '司法局', '工商联'];

/** The united-front department convenes the joint meeting; the federation of industry and commerce keeps its office. */
const UNIT_ROLES: Readonly<Record<string, string>> = { 统战部: 'CONVENER', 工商联: 'OFFICE' };
const CONTACT_SURNAMES = ['王', '李', '张', '陈', '林', '黄', '周', '吴'];
const CONTACT_GIVEN = ['建华', '晓燕', '志强', '丽娟', '海波', '文静', '国平', '雪梅'];

/**
 * A member unit's part, contact person and office phone, derived from its key (not drawn from
 * the seeded stream, so that the rest of the demo city stays as it was).
 */
function memberUnitDetails(key: string, unit: string): Partial<OrganizationDraft> {
  let h = 0;
  for (const ch of key) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return {
    unitRole: UNIT_ROLES[unit] ?? 'MEMBER',
    contactName: `${CONTACT_SURNAMES[h % 8]}${CONTACT_GIVEN[(h >>> 3) % 8]}`,
    contactPhone: h % 3 === 0 ? `0577-8${String(h % 10_000_000).padStart(7, '0')}` : `13${5 + (h % 5)}${String(h % 100_000_000).padStart(8, '0')}`,
  };
}

/**
 * The work structure of §9–§11 for the whole city, level by level (parents before children):
 * city and district associations and joint meetings with their member units, a leading group
 * in every street and town, a coordination group and a friendship group in every community.
 */
export function organizationLevels(foundedFrom = 2004): Array<{ level: Level; specs: OrgSpec[] }> {
  const org = (key: string, level: Level, name: string, kind: string, districtCode: string, extra: Partial<OrganizationDraft> = {}, parentKey?: string): OrgSpec => ({
    key,
    parentKey,
    draft: { name, kind, level, districtCode, foundedOn: `${foundedFrom + (name.length % 10)}-0${1 + (name.length % 9)}-15`, ...extra },
  });
  const city: OrgSpec[] = [
    org('city:stratum', 'CITY', '温州市新的社会阶层人士联谊会', 'FRIENDSHIP_ASSOCIATION', CITY.code),
    org('city:nonparty', 'CITY', '温州市无党派人士联谊会', 'FRIENDSHIP_ASSOCIATION', CITY.code),
    org('city:lawyers', 'CITY', '温州市律师协会', 'INDUSTRY_ASSOCIATION', CITY.code),
    org('city:cpa', 'CITY', '温州市注册会计师协会', 'INDUSTRY_ASSOCIATION', CITY.code),
    org('city:joint', 'CITY', '温州市新的社会阶层人士统战工作联席会议', 'JOINT_MEETING', CITY.code),
  ];
  const cityUnits = UNIT_NAMES.map((u) => org(`city:unit:${u}`, 'CITY', unitName(CITY.name, u), 'JOINT_MEETING_MEMBER_UNIT', CITY.code, memberUnitDetails(`city:unit:${u}`, u), 'city:joint'));
  const district: OrgSpec[] = [];
  const districtUnits: OrgSpec[] = [];
  const street: OrgSpec[] = [];
  const community: OrgSpec[] = [];
  for (const d of COUNTY_LEVEL_UNITS) {
    district.push(
      org(`d:${d.code}:stratum`, 'DISTRICT', `${d.name}新的社会阶层人士联谊会`, 'FRIENDSHIP_ASSOCIATION', d.code, {}, 'city:stratum'),
      org(`d:${d.code}:nonparty`, 'DISTRICT', `${d.name}无党派人士联谊会`, 'FRIENDSHIP_ASSOCIATION', d.code, {}, 'city:nonparty'),
      org(`d:${d.code}:tech`, 'DISTRICT', `${d.name}民营科技企业家联谊会`, 'FRIENDSHIP_ASSOCIATION', d.code),
      org(`d:${d.code}:lawyers`, 'DISTRICT', `${d.name}律师协会`, 'INDUSTRY_ASSOCIATION', d.code, {}, 'city:lawyers'),
      org(`d:${d.code}:cpa`, 'DISTRICT', `${d.name}注册会计师协会`, 'INDUSTRY_ASSOCIATION', d.code, {}, 'city:cpa'),
      org(`d:${d.code}:joint`, 'DISTRICT', `${d.name}新的社会阶层人士统战工作联席会议`, 'JOINT_MEETING', d.code),
    );
    for (const u of UNIT_NAMES.slice(0, 4)) {
      districtUnits.push(org(`d:${d.code}:unit:${u}`, 'DISTRICT', unitName(d.name, u), 'JOINT_MEETING_MEMBER_UNIT', d.code, memberUnitDetails(`d:${d.code}:unit:${u}`, u), `d:${d.code}:joint`));
    }
    for (const s of streetsOf(d.code)) {
      street.push(org(`s:${s.code}`, 'STREET', `${s.name}新的社会阶层人士统战工作领导小组`, 'STREET_LEADING_GROUP', d.code, { streetCode: s.code }, `d:${d.code}:joint`));
      for (const c of communitiesOf(s.code)) {
        const base = `${s.name.replace(/(街道|镇|乡|县直辖村级区划)$/, '')}${c}`;
        community.push(
          org(`c:${s.code}:${c}:coord`, 'COMMUNITY', `${base}新的社会阶层人士统战工作协调小组`, 'COMMUNITY_COORDINATION_GROUP', d.code, { streetCode: s.code, community: c }, `s:${s.code}`),
          org(`c:${s.code}:${c}:group`, 'COMMUNITY', `${base}新的社会阶层人士联谊小组`, 'COMMUNITY_GROUP', d.code, { streetCode: s.code, community: c }, `s:${s.code}`),
        );
      }
    }
  }
  return [
    { level: 'CITY', specs: city },
    { level: 'CITY', specs: cityUnits },
    { level: 'DISTRICT', specs: district },
    { level: 'DISTRICT', specs: districtUnits },
    { level: 'STREET', specs: street },
    { level: 'COMMUNITY', specs: community },
  ];
}

/** A profession's association, in every district and in the city. */
const PROFESSION_ASSOCIATIONS: ReadonlyArray<[string, string]> = [
  ['LAWYER', 'lawyers'],
  ['CERTIFIED_PUBLIC_ACCOUNTANT', 'cpa'],
];

const LEADERSHIP_ASSOCIATION = ['PRESIDENT', 'VICE_PRESIDENT', 'VICE_PRESIDENT', 'SECRETARY_GENERAL', 'DIRECTOR', 'DIRECTOR', 'DIRECTOR', 'DIRECTOR'];
const LEADERSHIP_WORKING = ['LEADER', 'DEPUTY_LEADER', 'LIAISON', 'LIAISON'];

/**
 * The organizations a person belongs to, about three on average (the city's register at scale
 * has 300,000 memberships for 100,000 persons): their district's stratum association (most), the
 * non-party associations (non-party persons), the tech entrepreneurs' association, their
 * profession's association in the district and often the city's, the group of the community they
 * live in and often of the one they work in, the coordination group, now and then an association
 * of another district or of the city, and a liaison role in their street.
 */
export function membershipDrafts(rng: SeededRandom, person: DemoPerson, orgs: ReadonlyMap<string, DemoOrganization>, today: string): MembershipDraft[] {
  const keys: string[] = [];
  const d = person.districtCode;
  if (rng.chance(0.85)) keys.push(`d:${d}:stratum`);
  if (person.politicalAffiliation === 'NON_PARTY') {
    if (rng.chance(0.85)) keys.push(`d:${d}:nonparty`);
    if (rng.chance(0.2)) keys.push('city:nonparty');
  }
  if (person.category === 'PRIVATE_TECH' && rng.chance(0.7)) keys.push(`d:${d}:tech`);
  for (const [profession, association] of PROFESSION_ASSOCIATIONS) {
    if (person.profession !== profession) continue;
    if (rng.chance(0.9)) keys.push(`d:${d}:${association}`);
    if (rng.chance(0.4)) keys.push(`city:${association}`);
  }
  if (person.streetCode && person.community) {
    if (rng.chance(0.75)) keys.push(`c:${person.streetCode}:${person.community}:group`);
    if (rng.chance(0.3)) keys.push(`c:${person.streetCode}:${person.community}:coord`);
    // The community where they work, beside the one where they live.
    const others = communitiesOf(person.streetCode).filter((c) => c !== person.community);
    if (others.length > 0 && rng.chance(0.45)) keys.push(`c:${person.streetCode}:${rng.pick(others)}:group`);
  }
  if (person.streetCode && rng.chance(0.05)) keys.push(`s:${person.streetCode}`);
  if (rng.chance(0.3)) {
    const other = rng.pick(COUNTY_LEVEL_UNITS.filter((u) => u.code !== d));
    keys.push(`d:${other.code}:${rng.pick(['stratum', 'tech'])}`);
  }
  if (rng.chance(0.12)) keys.push('city:stratum');
  const drafts: MembershipDraft[] = [];
  // Each organization once per person (a key met again is passed over, as before). A look-up of
  // the person in the organization's members was linear: at 1,000,000 persons, with district
  // associations of 80,000 members, it made the generator quadratic.
  for (const key of new Set(keys)) {
    const org = orgs.get(key);
    if (!org) continue;
    const working = !['FRIENDSHIP_ASSOCIATION', 'INDUSTRY_ASSOCIATION', 'COMMUNITY_GROUP'].includes(org.kind);
    const leadership = working ? LEADERSHIP_WORKING : LEADERSHIP_ASSOCIATION;
    // Leadership goes to members drawn by chance, not to whoever was generated first.
    const role = org.leaders < leadership.length && rng.chance(0.08) ? leadership[org.leaders++]! : 'MEMBER';
    org.members.push(person.id);
    const year = rng.int(2015, Number(today.slice(0, 4)) - 1);
    const startDate = isoDate(year, rng.int(1, 12), rng.int(1, 28));
    const ended = role === 'MEMBER' && rng.chance(0.06);
    drafts.push({
      personId: person.id,
      organizationId: org.id,
      role,
      startDate,
      // Officers and leaders serve a five-year term (届) from the day they took office.
      ...(role === 'MEMBER' ? {} : { termStart: startDate, termEnd: isoDate(year + 5, Number(startDate.slice(5, 7)), Number(startDate.slice(8, 10))) }),
      endDate: ended ? isoDate(Math.min(year + rng.int(1, 5), Number(today.slice(0, 4))), rng.int(1, 12), 28) : null,
      endReason: ended ? rng.pick(['换届', '工作调动', '本人申请退出']) : null,
    });
  }
  return drafts.filter((m) => !m.endDate || (m.endDate as string) >= (m.startDate as string)).map((m) => (m.endDate && (m.endDate as string) > today ? { ...m, endDate: today } : m));
}

const MEETING_TOPICS = ['年度新的社会阶层人士统战工作部署', '代表人士队伍建设和人才库推荐', '新的社会阶层人士联谊会换届筹备'];
const DECISIONS: ReadonlyArray<[string, string | null]> = [
  ['开展新的社会阶层人士基本情况调查，更新登记台账', '统战部'],
  ['推荐代表人士人才库人选', '组织部'],
  ['协调解决新的社会阶层人士反映的维权诉求', '司法局'],
  ['年底前报送工作总结', null],
];

/**
 * Meetings of every joint meeting (city and districts): two a year over the last two years, the
 * member units attending, decisions carried by the units that exist in that joint meeting. Drawn
 * from the organizations' keys, not from the seeded stream. For `MeetingService.createMany`.
 */
export function meetingDrafts(orgs: ReadonlyMap<string, DemoOrganization>, today: string): MeetingDraft[] {
  const year = Number(today.slice(0, 4));
  const drafts: MeetingDraft[] = [];
  for (const prefix of ['city', ...COUNTY_LEVEL_UNITS.map((d) => `d:${d.code}`)]) {
    const body = orgs.get(`${prefix}:joint`);
    if (!body) continue;
    const units = UNIT_NAMES.map((u) => [u, orgs.get(`${prefix}:unit:${u}`)?.id] as const).filter((u): u is readonly [string, string] => u[1] !== undefined);
    const unitOf = new Map(units);
    [year - 2, year - 1].forEach((y, k) => {
      [3, 9].forEach((month, m) => {
        const heldOn = isoDate(y, month, 10 + ((k + m) % 10));
        if (heldOn > today) return;
        drafts.push({
          bodyId: body.id,
          heldOn,
          topic: `${y}年${MEETING_TOPICS[(k * 2 + m) % MEETING_TOPICS.length]}`,
          attendingUnitIds: units.filter((_, i) => (i + m) % 5 !== 4).map(([, id]) => id),
          decisions: DECISIONS.slice(0, 2 + m).map(([text, unit]) => ({
            text,
            responsibleUnitId: unit ? (unitOf.get(unit) ?? null) : null,
            dueDate: isoDate(y, 12, 31),
          })),
        });
      });
    });
  }
  return drafts;
}
