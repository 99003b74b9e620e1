import { SeededRandom } from '@tongxin/common';
import type { FeedbackImport } from '@tongxin/activities';

/** An activity of the demo city, as feedback from it needs it. */
export interface DemoActivity {
  id: string;
  districtCode: string;
  past: boolean;
}

const SUBJECTS: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>> = {
  OPINION: [
    ['关于社区停车难的意见', '老旧小区停车位严重不足，建议统筹利用周边空地设置临时停车场。'],
    ['关于简化企业开办手续的意见', '企业开办仍需多次往返窗口，建议推行全程网办。'],
  ],
  SUGGESTION: [
    ['关于发展数字经济的建议', '建议设立新的社会阶层人士创新创业服务平台，支持数字经济企业发展。'],
    ['关于优化营商环境的建议', '建议建立涉企政策一站式发布和兑现机制，减少企业申报负担。'],
    ['关于加强青年人才引进的建议', '建议完善人才公寓和子女入学配套，吸引青年人才来温创业。'],
  ],
  PUBLIC_OPINION: [
    ['中小企业融资难情况反映', '近期部分小微企业反映贷款审批周期长、抵押要求高，经营压力较大。'],
    ['外卖骑手权益保障情况反映', '部分骑手反映缺少职业伤害保障，希望有关部门关注。'],
  ],
  RIGHTS_PROTECTION: [
    ['劳动合同纠纷求助', '公司拖欠三个月工资，多次协商未果，请求帮助协调。'],
    ['知识产权被侵权求助', '本企业注册商标被他人仿冒使用，请求指导维权途径。'],
  ],
  INFORMATION: [
    ['人才引进政策信息', '希望了解本市高层次人才认定和补贴政策的最新信息。'],
    ['社会组织登记信息', '希望了解成立行业协会需要准备的材料和办理流程。'],
  ],
  CONSULTATION: [
    ['律师执业政策咨询', '咨询律师事务所设立分所的条件和审批流程。'],
    ['税收优惠政策咨询', '咨询小微企业增值税减免政策的适用范围。'],
  ],
};

const KIND_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['OPINION', 20],
  ['SUGGESTION', 25],
  ['PUBLIC_OPINION', 15],
  ['RIGHTS_PROTECTION', 15],
  ['INFORMATION', 10],
  ['CONSULTATION', 15],
];

const DEPARTMENTS = ['市人力社保局', '市市场监管局', '市发改委', '市税务局', '市司法局', '区住建局', '区民政局'];
const DAY = 24 * 3600_000;

/**
 * Feedback of the demo city, submitted in the 120 days before today: the older ones mostly
 * handled to the end (some forwarded to a department, a few rejected), the newer ones still on
 * their way, and some of those past their due date, so that `feedbacks(filter: { overdue: true })`
 * has something to show. A quarter come from an activity of the person's district.
 */
export function feedbackImports(rng: SeededRandom, people: ReadonlyArray<{ id: string; districtCode: string }>, activities: readonly DemoActivity[], today: string, count: number): FeedbackImport[] {
  const midnight = Date.parse(`${today}T00:00:00+08:00`);
  const pastByDistrict = new Map<string, string[]>();
  for (const a of activities) {
    if (!a.past) continue;
    const list = pastByDistrict.get(a.districtCode);
    if (list) list.push(a.id);
    else pastByDistrict.set(a.districtCode, [a.id]);
  }
  return Array.from({ length: count }, () => {
    const person = rng.pick(people);
    const kind = rng.weighted(KIND_WEIGHTS);
    const [title, content] = rng.pick(SUBJECTS[kind]!);
    const ageDays = rng.chance(0.4) ? rng.int(0, 14) : rng.int(15, 120);
    const submittedAt = new Date(midnight - ageDays * DAY + rng.int(9 * 3600, 17 * 3600) * 1000 - 8 * 3600_000);
    const fromActivity = pastByDistrict.get(person.districtCode);
    const steps: NonNullable<FeedbackImport['steps']>[number][] = [];
    let at = submittedAt.getTime();
    // Steps follow each other in time; none later than 20:00 of today in China.
    const next = (days: number) => (at = Math.max(at, Math.min(at + days * DAY + rng.int(1, 8) * 3600_000, midnight + 20 * 3600_000)));
    // How far it got: older feedback further along; some stall (overdue).
    const stage =
      ageDays > 30
        ? rng.weighted([
            ['CLOSED', 70],
            ['ANSWERED', 10],
            ['REJECTED', 8],
            ['FORWARDED', 7],
            ['ACCEPTED', 5],
          ] as const)
        : ageDays > 7
          ? rng.weighted([
              ['ANSWERED', 35],
              ['FORWARDED', 25],
              ['ACCEPTED', 20],
              ['SUBMITTED', 10],
              ['REJECTED', 10],
            ] as const)
          : rng.weighted([
              ['SUBMITTED', 50],
              ['ACCEPTED', 35],
              ['FORWARDED', 15],
            ] as const);
    if (stage === 'REJECTED') {
      if (rng.chance(0.5)) steps.push({ to: 'ACCEPTED', at: new Date(next(1)) });
      steps.push({ to: 'REJECTED', at: new Date(next(2)), note: '不属于统战部门受理范围，已告知向有关部门反映。' });
    } else if (stage !== 'SUBMITTED') {
      steps.push({ to: 'ACCEPTED', at: new Date(next(1)), note: rng.chance(0.3) ? '已登记受理' : null });
      const forwarded = stage === 'FORWARDED' || ((stage === 'ANSWERED' || stage === 'CLOSED') && rng.chance(0.6));
      if (forwarded) steps.push({ to: 'FORWARDED', at: new Date(next(2)), department: rng.pick(DEPARTMENTS) });
      if (stage === 'ANSWERED' || stage === 'CLOSED') {
        steps.push({ to: 'ANSWERED', at: new Date(next(rng.int(3, 12))), answer: '经协调有关部门，已就所提问题作出答复并落实相关措施。' });
      }
      if (stage === 'CLOSED') steps.push({ to: 'CLOSED', at: new Date(next(rng.int(1, 5))) });
    }
    return {
      draft: {
        kind,
        title,
        content,
        personId: person.id,
        districtCode: person.districtCode,
        activityId: fromActivity && rng.chance(0.25) ? rng.pick(fromActivity) : null,
      },
      submittedAt,
      steps,
    };
  });
}
