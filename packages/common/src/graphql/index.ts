export * from './enums';
export * from './region.types';
export * from './relay';
export * from './scalars';
export * from './references';
export * from './selection';
