export * from './federation';
export * from './format-error';
export * from './http';
export * from './subgraph';
export * from './peers';
export * from './node-options';
export * from './jit-executor';
