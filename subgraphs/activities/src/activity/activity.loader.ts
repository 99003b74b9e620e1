import { countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { ChildIdPageFamily, childIdPageFamily } from '../paging/child-page';
import { ActivityEntity } from './activity.entity';
import type { ActivityService } from './activity.service';

export interface ActivityLoaders {
  readonly activityById: DataLoader<string, ActivityEntity | null>;
  /** Pages of activity ids per organizer, by page size and cursor. */
  readonly activityIdsByOrganizer: ChildIdPageFamily;
  readonly activityCountByOrganizer: DataLoader<string, number>;
}

export function createActivityLoaders(activities: ActivityService, ctx: RequestContext<unknown>): ActivityLoaders {
  return {
    activityById: rowLoader((ids) => activities.findByIds(ctx, ids), (a) => a.id),
    activityIdsByOrganizer: childIdPageFamily((organizerIds, key) => activities.pagesByOrganizer(ctx, organizerIds, key)),
    activityCountByOrganizer: countLoader((organizerIds) => activities.countByOrganizers(ctx, organizerIds)),
  };
}
