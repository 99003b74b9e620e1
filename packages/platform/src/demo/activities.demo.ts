import { SeededRandom } from '@tongxin/common';
import type { ActivityDraft, ParticipationDraft } from '@tongxin/activities';
import type { DemoOrganization } from './organizations.demo';

const TITLES: Readonly<Record<string, readonly string[]>> = {
  STUDY_TRAINING: ['新的社会阶层人士政治理论学习会', '代表人士专题培训班', '学习贯彻会议精神座谈会', '统一战线理论研讨会'],
  INSPECTION_RESEARCH: ['赴杭州考察数字经济', '民营经济发展专题调研', '营商环境建言献策调研', '乡村振兴考察调研'],
  SOCIAL_SERVICE: ['光彩事业扶贫济困活动', '专业法律咨询进社区', '公益慈善义诊活动', '结对帮扶山区学校'],
  CULTURE_SPORTS: ['迎新春联谊会', '羽毛球友谊赛', '登山健身活动', '读书分享会'],
  EDUCATION: ['坚持走社会主义道路教育活动', '致富思源富而思进主题教育', '诚信守法教育讲座'],
};

const KIND_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['STUDY_TRAINING', 30],
  ['INSPECTION_RESEARCH', 15],
  ['SOCIAL_SERVICE', 25],
  ['CULTURE_SPORTS', 20],
  ['EDUCATION', 10],
];

const DAY = 24 * 3600_000;

export interface PlannedActivity {
  draft: ActivityDraft;
  organizer: DemoOrganization;
  past: boolean;
  capacity: number | null;
}

/** An activity of an organization, between 2023 and two months from the demo city's today. */
export function activityDraft(rng: SeededRandom, organizer: DemoOrganization, today: string): PlannedActivity {
  const kind = rng.weighted(KIND_WEIGHTS);
  const start = Date.UTC(2023, 0, 1);
  const end = Date.parse(`${today}T00:00:00Z`) + 60 * DAY;
  const startsAt = new Date(start + Math.floor(rng.next() * ((end - start) / DAY)) * DAY + rng.int(1, 9) * 3600_000);
  const past = startsAt.getTime() < Date.parse(`${today}T00:00:00Z`);
  const capacity = rng.chance(0.6) ? rng.pick([30, 50, 80, 100, 150, 200]) : null;
  return {
    organizer,
    past,
    capacity,
    draft: {
      title: rng.pick(TITLES[kind]!),
      kind,
      organizerId: organizer.id,
      districtCode: organizer.districtCode,
      location: rng.chance(0.7) ? rng.pick(['市民中心', '统战部会议室', '社区文化家园', '联谊会活动室', '世纪广场']) : null,
      startsAt,
      endsAt: new Date(startsAt.getTime() + rng.int(2, 8) * 3600_000),
      capacity,
      // Upcoming ones: half open for registration already.
      status: past ? 'COMPLETED' : rng.chance(0.5) ? 'OPEN' : 'PLANNED',
    },
  };
}

/** Who took part: members of the organizer first, then others of its district, up to the capacity. */
export function participationDrafts(rng: SeededRandom, activityId: string, plan: PlannedActivity, target: number, districtPeople: readonly string[]): ParticipationDraft[] {
  const want = Math.min(target, plan.capacity ?? target);
  const chosen = new Set<string>(rng.sample(plan.organizer.members, want));
  for (let tries = 0; chosen.size < want && districtPeople.length > 0 && tries < want * 3; tries++) chosen.add(rng.pick(districtPeople));
  let first = true;
  return [...chosen].map((personId) => {
    const attendance = plan.past
      ? rng.weighted([
          ['ATTENDED', 80],
          ['ABSENT', 10],
          ['EXCUSED', 10],
        ] as const)
      : 'REGISTERED';
    const role = first ? 'ORGANIZER' : rng.chance(0.03) ? 'SPEAKER' : rng.chance(0.05) ? 'VOLUNTEER' : 'PARTICIPANT';
    first = false;
    return {
      activityId,
      personId,
      role,
      attendance,
      hours: attendance === 'ATTENDED' ? rng.int(2, 16) / 2 : null,
    };
  });
}
