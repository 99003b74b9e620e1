import { groupLoader, RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import type { ArrangementService } from '../arrangement/arrangement.service';
import { PoliticalArrangementEntity } from '../arrangement/arrangement.entity';
import { TalentPoolEntryEntity } from './talent-pool.entity';
import type { TalentPoolService } from './talent-pool.service';

export interface PoolLoaders {
  readonly talentPoolEntryById: DataLoader<string, TalentPoolEntryEntity | null>;
  readonly talentPoolByPersonId: DataLoader<string, TalentPoolEntryEntity[]>;
  readonly arrangementById: DataLoader<string, PoliticalArrangementEntity | null>;
  readonly arrangementsByPersonId: DataLoader<string, PoliticalArrangementEntity[]>;
  /** Person.isRepresentative (why, when it is: one row per reason): two statements per batch of persons, whatever their number. */
  readonly representativeReasons: DataLoader<string, Array<{ personId: string; reason: 'pool' | 'arrangement' }>>;
}

export function createPoolLoaders(pool: TalentPoolService, arrangements: ArrangementService, ctx: RequestContext<unknown>): PoolLoaders {
  return {
    talentPoolEntryById: rowLoader(
      (ids) => pool.findByIds(ctx, ids),
      (e) => e.id,
      (e) => pool.readRefusal(ctx, e),
    ),
    talentPoolByPersonId: groupLoader(
      (ids) => pool.findByPersonIds(ctx, ids),
      (e) => e.personId,
    ),
    arrangementById: rowLoader(
      (ids) => arrangements.findByIds(ctx, ids),
      (e) => e.id,
      (e) => arrangements.readRefusal(ctx, e),
    ),
    arrangementsByPersonId: groupLoader(
      (ids) => arrangements.findByPersonIds(ctx, ids),
      (e) => e.personId,
    ),
    representativeReasons: groupLoader(
      async (personIds) => {
        const inPool = await pool.activePersonIds(ctx, personIds);
        const appointed = await arrangements.appointedPersonIds(ctx, personIds);
        return [...[...inPool].map((personId) => ({ personId, reason: 'pool' as const })), ...[...appointed].map((personId) => ({ personId, reason: 'arrangement' as const }))];
      },
      (r) => r.personId,
    ),
  };
}
