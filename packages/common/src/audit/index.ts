export * from './audit-event.entity';
export * from './audit-log';
export * from './audit.types';
