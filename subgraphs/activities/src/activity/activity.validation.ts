import { emptyToNull, InputChecker, readInstant } from '@tongxin/common';
import { ActivityKind, ActivityStatus } from './activity.enums';

/** Every field of an activity, as stored. */
export interface ActivityRecord {
  title: string;
  kind: ActivityKind;
  description: string | null;
  organizerId: string | null;
  districtCode: string;
  location: string | null;
  startsAt: Date;
  endsAt: Date | null;
  capacity: number | null;
  status: ActivityStatus;
}

/** An activity as a user or the demo-data generator sends it: anything may be missing or wrong. */
export type ActivityDraft = {
  [K in keyof ActivityRecord]?: (ActivityRecord[K] extends Date | null ? Date | string : ActivityRecord[K] | string) | null;
};

// DATETIME columns hold 1000..9999 on MySQL; activities of this register lie well inside this.
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

/**
 * An instant between 2000 and 2100, cut to the whole second: DATETIME keeps seconds on MySQL,
 * so a value reads back as it was stored on both databases.
 */
function dateTime(check: InputChecker, field: string, value: Date | string | null | undefined, opts: { required?: boolean } = {}): Date | undefined {
  if (value === undefined || value === null || value === '') {
    if (opts.required) check.fail(field, 'is required');
    return undefined;
  }
  // A string must name its offset (readInstant): the server's own time zone must not change its meaning.
  const read = value instanceof Date ? { date: value } : readInstant(value);
  if ('error' in read) {
    check.fail(field, read.error);
    return undefined;
  }
  const ms = read.date.getTime();
  if (Number.isNaN(ms)) {
    check.fail(field, 'is not a real date and time');
    return undefined;
  }
  if (ms < EARLIEST || ms >= LATEST) {
    check.fail(field, 'must lie between the years 2000 and 2099');
    return undefined;
  }
  return new Date(Math.floor(ms / 1000) * 1000);
}

/** Checks a whole activity and returns the record to store, or null with every problem in `check`. */
export function checkActivityRecord(check: InputChecker, draft: ActivityDraft): ActivityRecord | null {
  const title = check.text('title', draft.title as string | null, { required: true, min: 2, max: 100 });
  const kind = check.oneOf('kind', draft.kind as string | null, ActivityKind, { required: true });
  const description = check.text('description', draft.description as string | null, { max: 2000 });
  // The organizer lives in the organizations subgraph, which this one never reads: only the format is checked.
  const organizerId = check.id('organizerId', draft.organizerId as string | null, { required: false });
  const districtCode = check.district('districtCode', draft.districtCode as string | null, { required: true });
  const location = check.text('location', draft.location as string | null, { max: 100 });
  const startsAt = dateTime(check, 'startsAt', draft.startsAt, { required: true });
  const endsAt = dateTime(check, 'endsAt', draft.endsAt);
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) check.fail('endsAt', 'must be after startsAt');
  const capacity = check.int('capacity', draft.capacity as number | null, { min: 1, max: 100000 });
  const status = check.oneOf('status', (draft.status as string | null) ?? ActivityStatus.PLANNED, ActivityStatus, { required: true });

  if (!check.ok) return null;
  return {
    title: title!,
    kind: kind!,
    description: emptyToNull(description),
    organizerId: emptyToNull(organizerId),
    districtCode: districtCode!,
    location: emptyToNull(location),
    startsAt: startsAt!,
    endsAt: endsAt ?? null,
    capacity: capacity ?? null,
    status: status!,
  };
}
