import { District } from '@tongxin/common';
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

  @Field(() => Int, { description: 'Activities.' })
  activities!: number;

  @Field(() => Int, { description: 'Participations recorded in them, whatever their attendance.' })
  participations!: number;

  @Field(() => Int, { description: 'Participations with attendance ATTENDED.' })
  attended!: number;

  @Field(() => Float, { description: 'Hours of those who attended.' })
  hours!: number;
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

@ObjectType({ simpleResolvers: true, description: "One person's part in activities, over every activity of the register." })
export class ActivitySummary {
  @Field(() => Int, { description: 'Activities joined (registered, attended, absent or excused).' })
  joined!: number;

  @Field(() => Int, { description: 'Activities attended.' })
  attended!: number;

  @Field(() => Float, { description: 'Hours of the activities attended.' })
  hours!: number;

  @Field(() => [ActivityKindSummary], { description: 'The same by kind of activity: only kinds joined, in the order of the enum.' })
  byKind!: ActivityKindSummary[];
}

/** One row of the summary statement: a person and a kind. */
export interface SummaryRow {
  personId: string;
  kind: string;
  joined: number;
  attended: number;
  hours: number;
}

export function toActivitySummary(rows: readonly SummaryRow[]): ActivitySummary {
  const order = Object.values(ActivityKind) as string[];
  const s = new ActivitySummary();
  s.byKind = [...rows]
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind))
    .map((r) => Object.assign(new ActivityKindSummary(), { kind: r.kind as ActivityKind, joined: r.joined, attended: r.attended, hours: r.hours }));
  s.joined = rows.reduce((n, r) => n + r.joined, 0);
  s.attended = rows.reduce((n, r) => n + r.attended, 0);
  s.hours = Math.round(rows.reduce((n, r) => n + r.hours, 0) * 10) / 10;
  return s;
}
