import { ChildPageFamily, childPageFamily, countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { ParticipationEntity } from './participation.entity';
import type { ParticipationService } from './participation.service';

export interface ParticipationLoaders {
  readonly participationById: DataLoader<string, ParticipationEntity | null>;
  /** Pages of an activity's participations, by page size and cursor. */
  readonly participationsByActivity: ChildPageFamily<ParticipationEntity>;
  /** Pages of a person's participations, by page size and cursor. */
  readonly participationsByPerson: ChildPageFamily<ParticipationEntity>;
  readonly participationCountByActivity: DataLoader<string, number>;
  readonly participationCountByPerson: DataLoader<string, number>;
}

export function createParticipationLoaders(participations: ParticipationService, ctx: RequestContext<unknown>): ParticipationLoaders {
  const byIds = (ids: readonly string[]) => participations.findByIds(ctx, ids);
  return {
    participationById: rowLoader(byIds, (p) => p.id),
    participationsByActivity: childPageFamily((activityIds, key) => participations.pagesByActivity(ctx, activityIds, key), byIds),
    participationsByPerson: childPageFamily((personIds, key) => participations.pagesByPerson(ctx, personIds, key), byIds),
    participationCountByActivity: countLoader((activityIds) => participations.countByActivities(ctx, activityIds)),
    participationCountByPerson: countLoader((personIds) => participations.countByPersons(ctx, personIds)),
  };
}
