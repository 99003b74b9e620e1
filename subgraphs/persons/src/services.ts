import { AuditLog, Peers, personalDataCipherFromEnv, TransactionalConnection } from '@tongxin/common';
import { AuditService } from './audit/audit.service';
import { PersonService } from './person/person.service';

export interface PersonsServices {
  readonly persons: PersonService;
  readonly audit: AuditService;
}

/** The services over one connection; the personal-data key comes from TONGXIN_DATA_KEY (see `personalDataCipherFromEnv`). */
export function createPersonsServices(conn: TransactionalConnection, peers: Peers, env: Readonly<Record<string, string | undefined>> = process.env): PersonsServices {
  const log = new AuditLog(conn, 'persons');
  return { persons: new PersonService(conn, log, personalDataCipherFromEnv(env), peers), audit: new AuditService(log, peers) };
}
