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

export function createActivityLoaders(activities: ActivityService, ctx: RequestContext<unknown>): ActivityLoaders {
  return {
    activityById: rowLoader((ids) => activities.findByIds(ctx, ids), (a) => a.id),
    activitiesByOrganizer: childPageFamily(
      (organizerIds, key) => activities.pagesByOrganizer(ctx, organizerIds, key),
      (ids) => activities.findByIds(ctx, ids),
    ),
    activityCountByOrganizer: countLoader((organizerIds) => activities.countByOrganizers(ctx, organizerIds)),
  };
}
