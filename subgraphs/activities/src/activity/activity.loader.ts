import { ChildPageFamily, childPageFamily, countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { ActivityEntity } from './activity.entity';
import type { ActivityService } from './activity.service';

export interface ActivityLoaders {
  readonly activityById: DataLoader<string, ActivityEntity | null>;
  /** Pages of an organizer's activities, by page size and cursor. */
  readonly activitiesByOrganizer: ChildPageFamily<ActivityEntity>;
  readonly activityCountByOrganizer: DataLoader<string, number>;
}

/**
 * Rows loaded by id together with their activities, for read rules that look at the activity:
 * each batch loads its activities in one statement through the request's activity loader (which
 * then also serves the rows' `activity` field). Entries are only added, so concurrent batches
 * cannot disturb each other.
 */
export function withTheirActivities<R>(
  load: (ids: readonly string[]) => Promise<R[]>,
  activityIdOf: (row: R) => string | null,
  activityById: DataLoader<string, ActivityEntity | null>,
): { load: (ids: readonly string[]) => Promise<R[]>; activityOf: (row: R) => ActivityEntity | undefined } {
  const loaded = new Map<string, ActivityEntity>();
  return {
    load: async (ids) => {
      const rows = await load(ids);
      const activityIds = [...new Set(rows.map(activityIdOf).filter((x): x is string => !!x))];
      for (const a of await activityById.loadMany(activityIds)) {
        if (a instanceof Error) throw a;
        if (a) loaded.set(a.id, a);
      }
      return rows;
    },
    activityOf: (row) => {
      const id = activityIdOf(row);
      return id ? loaded.get(id) : undefined;
    },
  };
}

export function createActivityLoaders(activities: ActivityService, ctx: RequestContext<unknown>): ActivityLoaders {
  return {
    activityById: rowLoader(
      (ids) => activities.findByIds(ctx, ids),
      (a) => a.id,
    ),
    activitiesByOrganizer: childPageFamily(
      (organizerIds, key) => activities.pagesByOrganizer(ctx, organizerIds, key),
      (ids) => activities.findByIds(ctx, ids),
    ),
    activityCountByOrganizer: countLoader((organizerIds) => activities.countByOrganizers(ctx, organizerIds)),
  };
}
