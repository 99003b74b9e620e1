import { AuditLog, envInt, Peers, personalDataCipherFromEnv, ServiceCredentials, SubgraphRuntime, systemContext, TransactionalConnection } from '@tongxin/common';
import { AuditService } from './audit/audit.service';
import { PersonExportService } from './import/person-export.service';
import { PersonImportService } from './import/person-import.service';
import { OrganizationMembersService } from './membership/organization-members.service';
import { PersonOutbox } from './outbox/outbox';
import { DEFAULT_OUTSIDE_MATCH_LIMIT, OutsideMatchLimiter } from './person/number-probes';
import { PersonService } from './person/person.service';
import { PersonStatsService } from './stats/person-stats.service';

export interface PersonsServices {
  readonly persons: PersonService;
  readonly audit: AuditService;
  readonly personImport: PersonImportService;
  readonly personExport: PersonExportService;
  readonly personStats: PersonStatsService;
  /** Changes of persons' districts, published to the organizations subgraph (docs/CROSS-DISTRICT.md). */
  readonly outbox: PersonOutbox;
  /** The replica of who belongs to which organization, published by the organizations subgraph. */
  readonly organizationMembers: OrganizationMembersService;
}

/**
 * The services over one connection; the personal-data key comes from TONGXIN_DATA_KEY (see
 * `personalDataCipherFromEnv`). In a serving subgraph (`runtime`) the outbox delivers with the
 * subgraph's service identity (`ServiceCredentials`: tokens signed with TONGXIN_SERVICE_SECRET, which
 * it requires); in scripts it only appends, and the subgraph delivers when it starts.
 */
export function createPersonsServices(conn: TransactionalConnection, peers: Peers, env: Readonly<Record<string, string | undefined>> = process.env, runtime?: SubgraphRuntime): PersonsServices {
  const log = new AuditLog(conn, 'persons');
  const cipher = personalDataCipherFromEnv(env);
  let delivery = null;
  if (runtime) {
    const credentials = new ServiceCredentials(runtime.auth, 'persons', env);
    delivery = { peers, credentials: () => credentials.authorization(), log: runtime.log };
  }
  const outbox = new PersonOutbox(conn, delivery, () => systemContext({ log: runtime?.log }));
  // How many whole numbers registered outside their own scope a caller may meet in 24 hours (imports, registrations, searches).
  const probes = new OutsideMatchLimiter(conn, log, envInt(env, 'TONGXIN_OUTSIDE_MATCH_LIMIT', DEFAULT_OUTSIDE_MATCH_LIMIT, 0));
  const organizationMembers = new OrganizationMembersService(conn, log);
  const persons = new PersonService(conn, log, cipher, organizationMembers, outbox, probes);
  return {
    persons,
    audit: new AuditService(log, peers),
    personImport: new PersonImportService(conn, log, cipher, persons),
    personExport: new PersonExportService(conn, log, persons),
    personStats: new PersonStatsService(persons, conn),
    outbox,
    organizationMembers,
  };
}
