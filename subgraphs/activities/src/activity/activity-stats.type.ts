import { Disclosure, District, StatGroupHolder, StatsDisclosure } from '@tongxin/common';
import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ActivityKind } from './activity.enums';

@ObjectType({ simpleResolvers: true, description: 'Counts of one group of activities; the dimensions not grouped by are null.' })
export class ActivityStatsGroup {
  @Field(() => ActivityKind, { nullable: true })
  kind!: ActivityKind | null;

  @Field(() => String, { nullable: true, description: 'YYYY-MM of the start, in China time (UTC+8).' })
  month!: string | null;

  @Field(() => District, { nullable: true })
  district!: District | null;

  @Field(() => Int, { description: 'Activities (their profiles are public: never suppressed).' })
  activities!: number;

  @Field(() => Int, { nullable: true, description: 'Participations recorded in them, whatever their attendance (null when suppressed).' })
  participations!: number | null;

  @Field(() => Int, { nullable: true, description: 'Participations with attendance ATTENDED (null when suppressed).' })
  attended!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours of those who attended (null when suppressed).' })
  hours!: number | null;

  @Field(() => Boolean, {
    description:
      'True when the counts of persons are withheld: fewer persons took part than the configured minimum (default 5), or withheld with such a group. Exact for city administrators, for district administrators within their district and for association administrators within the activities they organize; for the others small groups are suppressed and counts and hours rounded to a multiple of that minimum.',
  })
  suppressed!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class ActivityKindSummary {
  @Field(() => ActivityKind)
  kind!: ActivityKind;

  @Field(() => Int, { description: 'Activities joined (registered, attended, absent or excused).' })
  joined!: number;

  @Field(() => Int)
  attended!: number;

  @Field(() => Float)
  hours!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    "One person's part in activities, over every activity of the register: a statistic of one person, so only city administrators and the person themself see it; for every other role it is suppressed (numbers null, byKind empty).",
})
export class ActivitySummary {
  @Field(() => Int, { nullable: true, description: 'Activities joined (registered, attended, absent or excused); null when suppressed.' })
  joined!: number | null;

  @Field(() => Int, { nullable: true, description: 'Activities attended; null when suppressed.' })
  attended!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours of the activities attended; null when suppressed.' })
  hours!: number | null;

  @Field(() => [ActivityKindSummary], { description: 'The same by kind of activity: only kinds joined, in the order of the enum (empty when suppressed).' })
  byKind!: ActivityKindSummary[];

  @Field(() => Boolean, { description: 'True when withheld: one person is a group smaller than the configured minimum (default 5).' })
  suppressed!: boolean;
}

/** One row of the summary statement: a person and a kind. */
export interface SummaryRow {
  personId: string;
  kind: string;
  joined: number;
  attended: number;
  hours: number;
}

/**
 * A person's summary as `disclosure` says (`StatsDisclosure.single` of one person, held by that
 * person: exact for city administrators and the person, suppressed for everyone else).
 */
export function toActivitySummary(rows: readonly SummaryRow[], disclosure: Disclosure = 'EXACT'): ActivitySummary {
  const order = Object.values(ActivityKind) as string[];
  const s = new ActivitySummary();
  if (disclosure !== 'EXACT') return Object.assign(s, { joined: null, attended: null, hours: null, byKind: [], suppressed: true });
  s.suppressed = false;
  s.byKind = [...rows]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((r) => Object.assign(new ActivityKindSummary(), { kind: r.kind as ActivityKind, joined: r.joined, attended: r.attended, hours: r.hours }));
  s.joined = rows.reduce((n, r) => n + r.joined, 0);
  s.attended = rows.reduce((n, r) => n + r.attended, 0);
  s.hours = Math.round(rows.reduce((n, r) => n + r.hours, 0) * 10) / 10;
  return s;
}

/** One row of the activityStats statement, before it is disclosed. */
export interface ActivityStatsRow {
  kind: ActivityKind | null;
  month: string | null;
  district: District | null;
  activities: number;
  /**
   * Distinct persons with a participation: the group's size for disclosure control. Null when
   * read from activity_tally, which cannot count them: only answered so when every group is
   * exact for the viewer (a size unknown counts as 0: suppressed, never shown by mistake).
   */
  persons: number | null;
  participations: number;
  attended: number;
  hours: number;
}

/**
 * Whose records a group of `activityStats` counts: the district it is grouped by or filtered to,
 * and the organizer it is filtered to (`StatsDisclosure.exempt` decides on it).
 */
export function activityStatsHolder(
  row: Pick<ActivityStatsRow, 'district'>,
  filter: { readonly districtCode?: string | null; readonly organizerId?: string | null } | null | undefined,
): StatGroupHolder {
  return { districtCode: row.district?.code ?? filter?.districtCode ?? null, organizationId: filter?.organizerId ?? null };
}

/**
 * The groups of `activityStats` as the viewer may see them (docs/SECURITY.md, "Statistics"). A
 * group is held by one district when grouped by district or filtered to one, and by one
 * organization when filtered to its activities: those who may read its participations see it
 * exactly. For the others, groups of fewer than k persons are suppressed with their complement,
 * and shown numbers rounded to a multiple of k; the activities are counted exactly (their
 * profiles are public), and a suppressed group keeps its values (kind, month, district: not
 * persons' attributes).
 */
export function discloseActivityStats(
  disclosure: StatsDisclosure,
  rows: readonly ActivityStatsRow[],
  filter: { readonly districtCode?: string | null; readonly organizerId?: string | null } | null | undefined,
): ActivityStatsGroup[] {
  const how = disclosure.groups(
    rows,
    (r) => r.persons ?? 0,
    (r) => activityStatsHolder(r, filter),
  );
  return rows.map((r, i) =>
    Object.assign(new ActivityStatsGroup(), {
      kind: r.kind,
      month: r.month,
      district: r.district,
      activities: r.activities,
      participations: disclosure.count(r.participations, how[i]!),
      attended: disclosure.count(r.attended, how[i]!),
      hours: disclosure.amount(r.hours, how[i]!),
      suppressed: how[i] === 'SUPPRESSED',
    }),
  );
}
