export * from './database-config';
export * from './data-source';
export * from './sql-counter';
export * from './transactional-connection';
export * from './keyset';
export * from './transformers';
export * from './child-pages';
export * from './in-lists';
