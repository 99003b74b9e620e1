// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795604011868 as MysqlInit1795604011868 } from './mysql/1795604011868-Init';
import { AuditLog1795608860658 as MysqlAuditLog1795608860658 } from './mysql/1795608860658-AuditLog';
import { MeetingsTermsStats1795611134708 as MysqlMeetingsTermsStats1795611134708 } from './mysql/1795611134708-MeetingsTermsStats';
import { MemberDistricts1795612322584 as MysqlMemberDistricts1795612322584 } from './mysql/1795612322584-MemberDistricts';
import { MembershipPersonDistrict1795613078705 as MysqlMembershipPersonDistrict1795613078705 } from './mysql/1795613078705-MembershipPersonDistrict';
import { ArchivedPersonsNowhere1795613278248 as MysqlArchivedPersonsNowhere1795613278248 } from './mysql/1795613278248-ArchivedPersonsNowhere';
import { SealContactPhones1796608900000 as MysqlSealContactPhones1796608900000 } from './mysql/1796608900000-SealContactPhones';
import { PersonStatuses1796614386261 as MysqlPersonStatuses1796614386261 } from './mysql/1796614386261-PersonStatuses';
import { MembershipOutbox1796660000000 as MysqlMembershipOutbox1796660000000 } from './mysql/1796660000000-MembershipOutbox';
import { PublishExistingMemberships1796660100000 as MysqlPublishExistingMemberships1796660100000 } from './mysql/1796660100000-PublishExistingMemberships';
import { AuditClientRequestId1796650000000 as MysqlAuditClientRequestId1796650000000 } from './mysql/1796650000000-AuditClientRequestId';
import { MembershipTally1796670200000 as MysqlMembershipTally1796670200000 } from './mysql/1796670200000-MembershipTally';
import { OrganizationStatsIndex1796670210000 as MysqlOrganizationStatsIndex1796670210000 } from './mysql/1796670210000-OrganizationStatsIndex';
import { Init1795604011868 as SqliteInit1795604011868 } from './sqlite/1795604011868-Init';
import { AuditLog1795608860658 as SqliteAuditLog1795608860658 } from './sqlite/1795608860658-AuditLog';
import { MeetingsTermsStats1795611134708 as SqliteMeetingsTermsStats1795611134708 } from './sqlite/1795611134708-MeetingsTermsStats';
import { MemberDistricts1795612322584 as SqliteMemberDistricts1795612322584 } from './sqlite/1795612322584-MemberDistricts';
import { MembershipPersonDistrict1795613078705 as SqliteMembershipPersonDistrict1795613078705 } from './sqlite/1795613078705-MembershipPersonDistrict';
import { ArchivedPersonsNowhere1795613278248 as SqliteArchivedPersonsNowhere1795613278248 } from './sqlite/1795613278248-ArchivedPersonsNowhere';
import { SealContactPhones1796608900000 as SqliteSealContactPhones1796608900000 } from './sqlite/1796608900000-SealContactPhones';
import { PersonStatuses1796614386261 as SqlitePersonStatuses1796614386261 } from './sqlite/1796614386261-PersonStatuses';
import { MembershipOutbox1796660000000 as SqliteMembershipOutbox1796660000000 } from './sqlite/1796660000000-MembershipOutbox';
import { PublishExistingMemberships1796660100000 as SqlitePublishExistingMemberships1796660100000 } from './sqlite/1796660100000-PublishExistingMemberships';
import { AuditClientRequestId1796650000000 as SqliteAuditClientRequestId1796650000000 } from './sqlite/1796650000000-AuditClientRequestId';
import { MembershipTally1796670200000 as SqliteMembershipTally1796670200000 } from './sqlite/1796670200000-MembershipTally';
import { OrganizationStatsIndex1796670210000 as SqliteOrganizationStatsIndex1796670210000 } from './sqlite/1796670210000-OrganizationStatsIndex';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [
  MysqlInit1795604011868,
  MysqlAuditLog1795608860658,
  MysqlMeetingsTermsStats1795611134708,
  MysqlMemberDistricts1795612322584,
  MysqlMembershipPersonDistrict1795613078705,
  MysqlArchivedPersonsNowhere1795613278248,
  MysqlSealContactPhones1796608900000,
  MysqlPersonStatuses1796614386261,
  MysqlAuditClientRequestId1796650000000,
  MysqlMembershipOutbox1796660000000,
  MysqlPublishExistingMemberships1796660100000,
  MysqlMembershipTally1796670200000,
  MysqlOrganizationStatsIndex1796670210000,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [
  SqliteInit1795604011868,
  SqliteAuditLog1795608860658,
  SqliteMeetingsTermsStats1795611134708,
  SqliteMemberDistricts1795612322584,
  SqliteMembershipPersonDistrict1795613078705,
  SqliteArchivedPersonsNowhere1795613278248,
  SqliteSealContactPhones1796608900000,
  SqlitePersonStatuses1796614386261,
  SqliteAuditClientRequestId1796650000000,
  SqliteMembershipOutbox1796660000000,
  SqlitePublishExistingMemberships1796660100000,
  SqliteMembershipTally1796670200000,
  SqliteOrganizationStatsIndex1796670210000,
];
