import { AuditLog, Peers, personalDataCipherFromEnv, TransactionalConnection } from '@tongxin/common';
import { AuditService } from './audit/audit.service';
import { PersonExportService } from './import/person-export.service';
import { PersonImportService } from './import/person-import.service';
import { PersonService } from './person/person.service';
import { PersonStatsService } from './stats/person-stats.service';

export interface PersonsServices {
  readonly persons: PersonService;
  readonly audit: AuditService;
  readonly personImport: PersonImportService;
  readonly personExport: PersonExportService;
  readonly personStats: PersonStatsService;
}

/** The services over one connection; the personal-data key comes from TONGXIN_DATA_KEY (see `personalDataCipherFromEnv`). */
export function createPersonsServices(conn: TransactionalConnection, peers: Peers, env: Readonly<Record<string, string | undefined>> = process.env): PersonsServices {
  const log = new AuditLog(conn, 'persons');
  const cipher = personalDataCipherFromEnv(env);
  const persons = new PersonService(conn, log, cipher, peers);
  return {
    persons,
    audit: new AuditService(log, peers),
    personImport: new PersonImportService(conn, log, cipher, persons),
    personExport: new PersonExportService(conn, log, persons),
    personStats: new PersonStatsService(persons),
  };
}
