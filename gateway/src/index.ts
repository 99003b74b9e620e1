export * from './compose';
export * from './gateway';
export * from './operation-limits';
export * from './subgraph-fetcher';
export * from './node-options';
