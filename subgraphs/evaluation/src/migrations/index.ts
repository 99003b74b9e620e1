// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795603951972 as MysqlInit1795603951972 } from './mysql/1795603951972-Init';
import { AuditLog1795608860658 as MysqlAuditLog1795608860658 } from './mysql/1795608860658-AuditLog';
import { EvaluationDistrict1795608869162 as MysqlEvaluationDistrict1795608869162 } from './mysql/1795608869162-EvaluationDistrict';
import { TalentPoolSchemesArrangements1795611149118 as MysqlTalentPoolSchemesArrangements1795611149118 } from './mysql/1795611149118-TalentPoolSchemesArrangements';
import { PersonStatuses1796614391680 as MysqlPersonStatuses1796614391680 } from './mysql/1796614391680-PersonStatuses';
import { AuditClientRequestId1796650000000 as MysqlAuditClientRequestId1796650000000 } from './mysql/1796650000000-AuditClientRequestId';
import { ScorecardExpectation1796670300000 as MysqlScorecardExpectation1796670300000 } from './mysql/1796670300000-ScorecardExpectation';
import { Init1795603951972 as SqliteInit1795603951972 } from './sqlite/1795603951972-Init';
import { AuditLog1795608860658 as SqliteAuditLog1795608860658 } from './sqlite/1795608860658-AuditLog';
import { EvaluationDistrict1795608869162 as SqliteEvaluationDistrict1795608869162 } from './sqlite/1795608869162-EvaluationDistrict';
import { TalentPoolSchemesArrangements1795611149118 as SqliteTalentPoolSchemesArrangements1795611149118 } from './sqlite/1795611149118-TalentPoolSchemesArrangements';
import { PersonStatuses1796614391680 as SqlitePersonStatuses1796614391680 } from './sqlite/1796614391680-PersonStatuses';
import { AuditClientRequestId1796650000000 as SqliteAuditClientRequestId1796650000000 } from './sqlite/1796650000000-AuditClientRequestId';
import { ScorecardExpectation1796670300000 as SqliteScorecardExpectation1796670300000 } from './sqlite/1796670300000-ScorecardExpectation';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [
  MysqlInit1795603951972,
  MysqlAuditLog1795608860658,
  MysqlEvaluationDistrict1795608869162,
  MysqlTalentPoolSchemesArrangements1795611149118,
  MysqlPersonStatuses1796614391680,
  MysqlAuditClientRequestId1796650000000,
  MysqlScorecardExpectation1796670300000,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [
  SqliteInit1795603951972,
  SqliteAuditLog1795608860658,
  SqliteEvaluationDistrict1795608869162,
  SqliteTalentPoolSchemesArrangements1795611149118,
  SqlitePersonStatuses1796614391680,
  SqliteAuditClientRequestId1796650000000,
  SqliteScorecardExpectation1796670300000,
];
