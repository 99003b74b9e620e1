export * from './compose';
export * from './console-site';
export * from './gateway';
export * from './operation-limits';
export * from './subgraph-fetcher';
export * from './node-options';
