import type { TransactionalConnection } from '@tongxin/common';
import { PersonService } from './person/person.service';

export interface PersonsServices {
  readonly persons: PersonService;
}

export function createPersonsServices(conn: TransactionalConnection): PersonsServices {
  return { persons: new PersonService(conn) };
}
