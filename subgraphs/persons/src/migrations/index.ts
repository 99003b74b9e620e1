// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795603696218 as MysqlInit1795603696218 } from './mysql/1795603696218-Init';
import { AuditLog1795608860658 as MysqlAuditLog1795608860658 } from './mysql/1795608860658-AuditLog';
import { EncryptPersonalData1795609000000 as MysqlEncryptPersonalData1795609000000 } from './mysql/1795609000000-EncryptPersonalData';
import { Outbox1795612402492 as MysqlOutbox1795612402492 } from './mysql/1795612402492-Outbox';
import { PublishExistingDistricts1795612500000 as MysqlPublishExistingDistricts1795612500000 } from './mysql/1795612500000-PublishExistingDistricts';
import { PersonDistrictStatusIndex1795616308356 as MysqlPersonDistrictStatusIndex1795616308356 } from './mysql/1795616308356-PersonDistrictStatusIndex';
import { PersonStatsIndex1795618983103 as MysqlPersonStatsIndex1795618983103 } from './mysql/1795618983103-PersonStatsIndex';
import { PersonDistrictIndexWithStatus1795621949459 as MysqlPersonDistrictIndexWithStatus1795621949459 } from './mysql/1795621949459-PersonDistrictIndexWithStatus';
import { ProtectBirthDate1796608800000 as MysqlProtectBirthDate1796608800000 } from './mysql/1796608800000-ProtectBirthDate';
import { PersonStatuses1796614380745 as MysqlPersonStatuses1796614380745 } from './mysql/1796614380745-PersonStatuses';
import { MembershipReplica1796660000000 as MysqlMembershipReplica1796660000000 } from './mysql/1796660000000-MembershipReplica';
import { AuditClientRequestId1796650000000 as MysqlAuditClientRequestId1796650000000 } from './mysql/1796650000000-AuditClientRequestId';
import { PersonTally1796670000000 as MysqlPersonTally1796670000000 } from './mysql/1796670000000-PersonTally';
import { Init1795603696218 as SqliteInit1795603696218 } from './sqlite/1795603696218-Init';
import { AuditLog1795608860658 as SqliteAuditLog1795608860658 } from './sqlite/1795608860658-AuditLog';
import { EncryptPersonalData1795609000000 as SqliteEncryptPersonalData1795609000000 } from './sqlite/1795609000000-EncryptPersonalData';
import { Outbox1795612402492 as SqliteOutbox1795612402492 } from './sqlite/1795612402492-Outbox';
import { PublishExistingDistricts1795612500000 as SqlitePublishExistingDistricts1795612500000 } from './sqlite/1795612500000-PublishExistingDistricts';
import { PersonDistrictStatusIndex1795616308356 as SqlitePersonDistrictStatusIndex1795616308356 } from './sqlite/1795616308356-PersonDistrictStatusIndex';
import { PersonStatsIndex1795618983103 as SqlitePersonStatsIndex1795618983103 } from './sqlite/1795618983103-PersonStatsIndex';
import { PersonDistrictIndexWithStatus1795621949459 as SqlitePersonDistrictIndexWithStatus1795621949459 } from './sqlite/1795621949459-PersonDistrictIndexWithStatus';
import { ProtectBirthDate1796608800000 as SqliteProtectBirthDate1796608800000 } from './sqlite/1796608800000-ProtectBirthDate';
import { PersonStatuses1796614380745 as SqlitePersonStatuses1796614380745 } from './sqlite/1796614380745-PersonStatuses';
import { MembershipReplica1796660000000 as SqliteMembershipReplica1796660000000 } from './sqlite/1796660000000-MembershipReplica';
import { AuditClientRequestId1796650000000 as SqliteAuditClientRequestId1796650000000 } from './sqlite/1796650000000-AuditClientRequestId';
import { PersonTally1796670000000 as SqlitePersonTally1796670000000 } from './sqlite/1796670000000-PersonTally';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [
  MysqlInit1795603696218,
  MysqlAuditLog1795608860658,
  MysqlEncryptPersonalData1795609000000,
  MysqlOutbox1795612402492,
  MysqlPublishExistingDistricts1795612500000,
  MysqlPersonDistrictStatusIndex1795616308356,
  MysqlPersonStatsIndex1795618983103,
  MysqlPersonDistrictIndexWithStatus1795621949459,
  MysqlProtectBirthDate1796608800000,
  MysqlPersonStatuses1796614380745,
  MysqlAuditClientRequestId1796650000000,
  MysqlMembershipReplica1796660000000,
  MysqlPersonTally1796670000000,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [
  SqliteInit1795603696218,
  SqliteAuditLog1795608860658,
  SqliteEncryptPersonalData1795609000000,
  SqliteOutbox1795612402492,
  SqlitePublishExistingDistricts1795612500000,
  SqlitePersonDistrictStatusIndex1795616308356,
  SqlitePersonStatsIndex1795618983103,
  SqlitePersonDistrictIndexWithStatus1795621949459,
  SqliteProtectBirthDate1796608800000,
  SqlitePersonStatuses1796614380745,
  SqliteAuditClientRequestId1796650000000,
  SqliteMembershipReplica1796660000000,
  SqlitePersonTally1796670000000,
];
