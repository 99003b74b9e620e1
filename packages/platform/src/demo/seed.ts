import { Logger, SeededRandom, systemContext, todayInChina, UuidV7Generator } from '@tongxin/common';
import type { ActivitiesServices } from '@tongxin/activities';
import type { EvaluationServices } from '@tongxin/evaluation';
import type { OrganizationsServices } from '@tongxin/organizations';
import type { PersonsServices } from '@tongxin/persons';
import { activityDraft, participationDrafts, PlannedActivity } from './activities.demo';
import { evaluationDrafts } from './evaluations.demo';
import { DemoActivity, feedbackImports } from './feedback.demo';
import { DemoOrganization, meetingDrafts, membershipDrafts, organizationLevels } from './organizations.demo';
import { DemoPerson, personDraft } from './persons.demo';
import { seedRepresentatives } from './talent-pool.demo';

export interface DemoSize {
  readonly persons: number;
  /** Activities per person of the register (0.2: one activity for every five people). */
  readonly activitiesPerPerson: number;
  /** Average participants of an activity (at most its capacity). */
  readonly participantsPerActivity: number;
}

export interface DemoOptions {
  readonly seed: number;
  readonly size: DemoSize;
  readonly log: Logger;
  /** Rows per bulk call (each is one transaction). */
  readonly chunk?: number;
  /** The "today" of the generated city, so that a seed gives the same data on any day. */
  readonly today?: string;
}

export interface DemoSummary {
  persons: number;
  organizations: number;
  memberships: number;
  activities: number;
  participations: number;
  evaluations: number;
}

export const DEFAULT_DEMO_SIZE: DemoSize = { persons: 3000, activitiesPerPerson: 0.2, participantsPerActivity: 50 };

/** Ids sort by time; the demo city's clock stands still at a fixed instant so that ids repeat per seed. */
const DEMO_EPOCH = Date.UTC(2024, 0, 1);

async function inChunks<T>(items: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await write(items.slice(i, i + size));
}

/**
 * Fills all four subgraphs through their own services with a deterministic city: the same
 * seed, size and today always give the same rows, ids included. Every write goes through the
 * services' bulk methods, so the demo data obeys every rule the API enforces.
 */
export async function seedDemoData(services: Readonly<Record<string, unknown>>, opts: DemoOptions): Promise<DemoSummary> {
  const rng = new SeededRandom(opts.seed);
  const ctx = systemContext({
    log: opts.log,
    ids: new UuidV7Generator(
      () => DEMO_EPOCH,
      (n) => rng.bytes(n),
    ),
  });
  const chunk = opts.chunk ?? 5000;
  const today = opts.today ?? todayInChina();
  const persons = (services.persons as PersonsServices).persons;
  const { organizations, memberships, relations } = services.organizations as OrganizationsServices;
  const { activities, participations } = services.activities as ActivitiesServices;
  const { evaluations } = services.evaluation as EvaluationServices;
  const summary: DemoSummary = { persons: 0, organizations: 0, memberships: 0, activities: 0, participations: 0, evaluations: 0 };

  // The register.
  const people: DemoPerson[] = [];
  const usedIdNumbers = new Set<string>();
  for (let start = 0; start < opts.size.persons; start += chunk) {
    const drafts = Array.from({ length: Math.min(chunk, opts.size.persons - start) }, () => personDraft(rng, usedIdNumbers, today));
    const ids = await persons.registerMany(ctx, drafts);
    ids.forEach((id, i) => {
      const d = drafts[i]!;
      people.push({
        id,
        districtCode: d.districtCode as string,
        streetCode: (d.streetCode as string | null) ?? null,
        community: (d.community as string | null) ?? null,
        category: d.category as DemoPerson['category'],
        profession: (d.profession as string | null) ?? null,
        politicalAffiliation: d.politicalAffiliation as string,
      });
    });
    opts.log.info({ persons: people.length }, 'demo: persons');
  }
  summary.persons = people.length;

  // The work structure, parents before children.
  const orgs = new Map<string, DemoOrganization>();
  for (const { specs } of organizationLevels()) {
    const drafts = specs.map((s) => ({ ...s.draft, parentId: s.parentKey ? orgs.get(s.parentKey)!.id : null }));
    const ids = await organizations.createMany(ctx, drafts);
    specs.forEach((s, i) => orgs.set(s.key, { id: ids[i]!, kind: s.draft.kind as string, level: s.draft.level as string, districtCode: s.draft.districtCode as string, members: [], leaders: 0 }));
  }
  summary.organizations = orgs.size;
  opts.log.info({ organizations: orgs.size }, 'demo: organizations');

  // Memberships, only of persons the organizations subgraph's replica of the register knows
  // (docs/CROSS-DISTRICT.md). In this one process the persons subgraph's outbox delivers nothing
  // until the subgraph starts: the replica is told here what that delivery will say (which then
  // changes nothing: a change applies only when its version is newer).
  const published = people.map((p) => ({ personId: p.id, districtCode: p.districtCode, version: 1 }));
  await inChunks(published, 1000 /* what applyPersonDistricts takes at once */, (changes) => relations.applyPersonDistricts(ctx, changes));
  const membershipRows = people.flatMap((p) => membershipDrafts(rng, p, orgs, today));
  await inChunks(membershipRows, chunk, (rows) => memberships.addMany(ctx, rows));
  summary.memberships = membershipRows.length;
  opts.log.info({ memberships: summary.memberships }, 'demo: memberships');

  // Activities and who took part.
  const organizers = [...orgs.values()].filter((o) => o.kind !== 'JOINT_MEETING_MEMBER_UNIT' && (o.members.length > 0 || o.kind === 'JOINT_MEETING'));
  const peopleByDistrict = new Map<string, string[]>();
  for (const p of people) {
    const list = peopleByDistrict.get(p.districtCode);
    if (list) list.push(p.id);
    else peopleByDistrict.set(p.districtCode, [p.id]);
  }
  const activityCount = Math.round(people.length * opts.size.activitiesPerPerson);
  const perBatch = Math.max(1, Math.floor(chunk / opts.size.participantsPerActivity));
  const demoActivities: DemoActivity[] = [];
  for (let start = 0; start < activityCount; start += perBatch) {
    const plans: PlannedActivity[] = Array.from({ length: Math.min(perBatch, activityCount - start) }, () =>
      activityDraft(rng, rng.chance(0.7) ? rng.pick(organizers.filter((o) => o.members.length > 5)) : rng.pick(organizers), today),
    );
    const ids = await activities.createMany(
      ctx,
      plans.map((p) => p.draft),
    );
    plans.forEach((p, i) => demoActivities.push({ id: ids[i]!, districtCode: p.organizer.districtCode, past: p.past }));
    const rows = plans.flatMap((plan, i) => {
      const district = peopleByDistrict.get(plan.organizer.districtCode) ?? peopleByDistrict.get(rng.pick([...peopleByDistrict.keys()]))!;
      return participationDrafts(rng, ids[i]!, plan, rng.int(10, opts.size.participantsPerActivity * 2 - 10), district);
    });
    await participations.recordMany(ctx, rows);
    summary.activities += ids.length;
    summary.participations += rows.length;
  }
  opts.log.info({ activities: summary.activities, participations: summary.participations }, 'demo: activities');

  // Feedback and its handling, from a random stream of its own so that the rest of the city does not change with it.
  const feedbackRng = new SeededRandom(opts.seed * 31 + 5);
  const feedbackCtx = systemContext({
    log: opts.log,
    ids: new UuidV7Generator(
      () => DEMO_EPOCH,
      (n) => feedbackRng.bytes(n),
    ),
  });
  const feedbackRows = feedbackImports(feedbackRng, people, demoActivities, today, Math.round(people.length * 0.1));
  await inChunks(feedbackRows, chunk, (rows) => (services.activities as ActivitiesServices).feedback.submitMany(feedbackCtx, rows));
  opts.log.info({ feedback: feedbackRows.length }, 'demo: feedback');

  // Evaluations.
  const evaluationRows = people.flatMap((p) => evaluationDrafts(rng, p, today));
  await inChunks(evaluationRows, chunk, (rows) => evaluations.recordMany(ctx, rows));
  summary.evaluations = evaluationRows.length;
  opts.log.info({ evaluations: summary.evaluations }, 'demo: evaluations');

  // The year's scheme, the talent pools and political arrangements.
  await seedRepresentatives(services.evaluation as EvaluationServices, ctx, rng, today, opts.log);

  // Meetings of the joint meetings, with ids from a stream of their own (the rest of the city does not change with them).
  const meetingRng = new SeededRandom(opts.seed * 37 + 11);
  const meetingCtx = systemContext({
    log: opts.log,
    ids: new UuidV7Generator(
      () => DEMO_EPOCH,
      (n) => meetingRng.bytes(n),
    ),
  });
  const meetingRows = meetingDrafts(orgs, today);
  await (services.organizations as OrganizationsServices).meetings.createMany(meetingCtx, meetingRows);
  opts.log.info({ meetings: meetingRows.length }, 'demo: meetings');
  return summary;
}
