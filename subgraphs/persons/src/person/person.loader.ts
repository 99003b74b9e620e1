import { RequestContext, rowLoader } from '@tongxin/common';
import type DataLoader from 'dataloader';
import { PersonEntity } from './person.entity';
import type { PersonService } from './person.service';

export interface PersonLoaders {
  readonly personById: DataLoader<string, PersonEntity | null>;
}

export function createPersonLoaders(persons: PersonService, ctx: RequestContext<unknown>): PersonLoaders {
  return {
    personById: rowLoader((ids) => persons.findByIds(ctx, ids), (p) => p.id),
  };
}
