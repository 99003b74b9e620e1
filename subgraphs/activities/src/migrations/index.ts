// Versioned schema changes, one list per dialect, oldest first. Generated with
// `npm run migration:generate -- <Name>`; never edit one that has shipped.
import { Init1795604015773 as MysqlInit1795604015773 } from './mysql/1795604015773-Init';
import { AuditLog1795608860658 as MysqlAuditLog1795608860658 } from './mysql/1795608860658-AuditLog';
import { ActivityUpdatesAndFeedback1795611184090 as MysqlActivityUpdatesAndFeedback1795611184090 } from './mysql/1795611184090-ActivityUpdatesAndFeedback';
import { FeedbackRespondedOn1796660000000 as MysqlFeedbackRespondedOn1796660000000 } from './mysql/1796660000000-FeedbackRespondedOn';
import { AuditClientRequestId1796650000000 as MysqlAuditClientRequestId1796650000000 } from './mysql/1796650000000-AuditClientRequestId';
import { ActivityTally1796670100000 as MysqlActivityTally1796670100000 } from './mysql/1796670100000-ActivityTally';
import { Init1795604015773 as SqliteInit1795604015773 } from './sqlite/1795604015773-Init';
import { AuditLog1795608860658 as SqliteAuditLog1795608860658 } from './sqlite/1795608860658-AuditLog';
import { ActivityUpdatesAndFeedback1795611184090 as SqliteActivityUpdatesAndFeedback1795611184090 } from './sqlite/1795611184090-ActivityUpdatesAndFeedback';
import { FeedbackRespondedOn1796660000000 as SqliteFeedbackRespondedOn1796660000000 } from './sqlite/1796660000000-FeedbackRespondedOn';
import { AuditClientRequestId1796650000000 as SqliteAuditClientRequestId1796650000000 } from './sqlite/1796650000000-AuditClientRequestId';
import { ActivityTally1796670100000 as SqliteActivityTally1796670100000 } from './sqlite/1796670100000-ActivityTally';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const mysqlMigrations: Function[] = [
  MysqlInit1795604015773,
  MysqlAuditLog1795608860658,
  MysqlActivityUpdatesAndFeedback1795611184090,
  MysqlAuditClientRequestId1796650000000,
  MysqlFeedbackRespondedOn1796660000000,
  MysqlActivityTally1796670100000,
];
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's DataSourceOptions types migrations as Function (a class of any shape)
export const sqliteMigrations: Function[] = [
  SqliteInit1795604015773,
  SqliteAuditLog1795608860658,
  SqliteActivityUpdatesAndFeedback1795611184090,
  SqliteAuditClientRequestId1796650000000,
  SqliteFeedbackRespondedOn1796660000000,
  SqliteActivityTally1796670100000,
];
