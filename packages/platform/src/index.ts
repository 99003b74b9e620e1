export * from './compose';
export { pendingSchemaChanges } from './generate-migrations';
export * from './subgraphs';
export * from './console';
