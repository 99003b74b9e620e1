import { countLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { ChildIdPageFamily, childIdPageFamily } from '../paging/child-page';
import { ParticipationEntity } from './participation.entity';
import type { ParticipationService } from './participation.service';

export interface ParticipationLoaders {
  readonly participationById: DataLoader<string, ParticipationEntity | null>;
  /** Pages of participation ids per activity, by page size and cursor. */
  readonly participationIdsByActivity: ChildIdPageFamily;
  /** Pages of participation ids per person, by page size and cursor. */
  readonly participationIdsByPerson: ChildIdPageFamily;
  readonly participationCountByActivity: DataLoader<string, number>;
  readonly participationCountByPerson: DataLoader<string, number>;
}

export function createParticipationLoaders(participations: ParticipationService, ctx: RequestContext<unknown>): ParticipationLoaders {
  return {
    participationById: rowLoader((ids) => participations.findByIds(ctx, ids), (p) => p.id),
    participationIdsByActivity: childIdPageFamily((activityIds, key) => participations.pagesByActivity(ctx, activityIds, key)),
    participationIdsByPerson: childIdPageFamily((personIds, key) => participations.pagesByPerson(ctx, personIds, key)),
    participationCountByActivity: countLoader((activityIds) => participations.countByActivities(ctx, activityIds)),
    participationCountByPerson: countLoader((personIds) => participations.countByPersons(ctx, personIds)),
  };
}
