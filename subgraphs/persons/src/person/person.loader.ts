import { RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { PersonEntity } from './person.entity';
import type { PersonService } from './person.service';

export interface PersonLoaders {
  /**
   * A person the viewer may read, or null when there is none; a record they may not read rejects
   * its own load with FORBIDDEN (person(id), `_entities`), leaving the rest of the batch alone.
   */
  readonly personById: DataLoader<string, PersonEntity | null>;
}

export function createPersonLoaders(persons: PersonService, ctx: RequestContext<unknown>): PersonLoaders {
  return {
    personById: rowLoader(
      (ids) => persons.findByIds(ctx, ids),
      (p) => p.id,
      (p) => persons.readRefusal(ctx, p),
    ),
  };
}
