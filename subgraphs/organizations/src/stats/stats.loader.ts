import { groupLoader, RequestContext } from '@tongxin/common';
import type DataLoader from 'dataloader';
import type { MemberStatRow, StatsService } from './stats.service';

export interface StatsLoaders {
  /** The grouped memberships of each organization, for Organization.memberStats. */
  readonly memberStatRows: DataLoader<string, MemberStatRow[]>;
}

export function createStatsLoaders(stats: StatsService, ctx: RequestContext<unknown>): StatsLoaders {
  return {
    memberStatRows: groupLoader(
      (ids) => stats.memberStatRows(ctx, ids),
      (r) => r.organizationId,
    ),
  };
}
