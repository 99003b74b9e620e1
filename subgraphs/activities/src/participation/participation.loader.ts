import { ChildPageFamily, childPageFamily, countLoader, groupLoader, RequestContext, rowLoader } from '@tongxin/common';
import type { SummaryRow } from '../activity/activity-stats.type';
import type DataLoader from 'dataloader';
import type { ActivityEntity } from '../activity/activity.entity';
import { withTheirActivities } from '../activity/activity.loader';
import { ParticipationEntity } from './participation.entity';
import type { ParticipationService } from './participation.service';

export interface ParticipationLoaders {
  /**
   * A participation the viewer may read, or null when there is none; one they may not read
   * rejects its own load with FORBIDDEN (participation(id), `_entities`), leaving the rest of the
   * batch alone.
   */
  readonly participationById: DataLoader<string, ParticipationEntity | null>;
  /** Pages of an activity's participations, by page size and cursor (unchecked: the field checks the activity). */
  readonly participationsByActivity: ChildPageFamily<ParticipationEntity>;
  /** Pages of a person's participations that the viewer may read, by page size and cursor. */
  readonly participationsByPerson: ChildPageFamily<ParticipationEntity>;
  readonly participationCountByActivity: DataLoader<string, number>;
  /** How many of a person's participations the viewer may read. */
  readonly participationCountByPerson: DataLoader<string, number>;
  /** Per person, their participations by kind of activity (unchecked: the field checks the viewer). */
  readonly activitySummaryRowsByPerson: DataLoader<string, SummaryRow[]>;
}

export function createParticipationLoaders(participations: ParticipationService, ctx: RequestContext<unknown>, activityById: DataLoader<string, ActivityEntity | null>): ParticipationLoaders {
  const byIds = (ids: readonly string[]) => participations.findByIds(ctx, ids);
  // Their activities, for the read rule.
  const withActivities = withTheirActivities(byIds, (p) => p.activityId, activityById);
  return {
    participationById: rowLoader(
      withActivities.load,
      (p) => p.id,
      (p) => participations.readRefusal(ctx, p, withActivities.activityOf(p)),
    ),
    participationsByActivity: childPageFamily((activityIds, key) => participations.pagesByActivity(ctx, activityIds, key), byIds),
    participationsByPerson: childPageFamily((personIds, key) => participations.pagesByPerson(ctx, personIds, key), byIds),
    participationCountByActivity: countLoader((activityIds) => participations.countByActivities(ctx, activityIds)),
    participationCountByPerson: countLoader((personIds) => participations.countByPersons(ctx, personIds)),
    activitySummaryRowsByPerson: groupLoader(
      (personIds) => participations.summariesByPersons(ctx, personIds),
      (r) => r.personId,
    ),
  };
}
