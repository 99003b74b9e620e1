import { loaderMaxBatchSize, RequestContext } from '@tongxin/common';
import DataLoader from 'dataloader';
import { PersonEntity } from './person.entity';
import type { PersonService, SensitiveField } from './person.service';

export interface PersonLoaders {
  /**
   * A person the viewer may read, or null when there is none; a record they may not read rejects
   * its own load with FORBIDDEN (person(id), `_entities`), leaving the rest of the batch alone.
   */
  readonly personById: DataLoader<string, PersonEntity | null>;
  /** Full ID and mobile numbers: one audit transaction for all those a request reads. */
  readonly sensitiveRead: DataLoader<{ person: PersonEntity; field: SensitiveField }, string | null, string>;
}

export function createPersonLoaders(persons: PersonService, ctx: RequestContext<unknown>): PersonLoaders {
  const maxBatchSize = loaderMaxBatchSize();
  return {
    personById: new DataLoader<string, PersonEntity | null>(
      async (ids) => {
        const rows = await persons.findByIds(ctx, ids);
        const refusals = await persons.readRefusals(ctx, rows);
        const byId = new Map(rows.map((row, i) => [row.id, refusals[i] ?? row]));
        return ids.map((id) => byId.get(id) ?? null);
      },
      { maxBatchSize },
    ),
    sensitiveRead: new DataLoader<{ person: PersonEntity; field: SensitiveField }, string | null, string>((requests) => persons.revealMany(ctx, requests), {
      maxBatchSize,
      cacheKeyFn: (r) => `${r.field}:${r.person.id}`,
    }),
  };
}
