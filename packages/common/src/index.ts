import 'reflect-metadata';

export * from './audit';
export * from './auth';
export * from './bootstrap';
export * from './config';
export * from './context';
export * from './crypto';
export * from './db';
export * from './errors';
export * from './graphql';
export * from './ids';
export * from './loaders';
export * from './logger';
export * from './random';
export * from './regions';
export * from './stats';
export * from './validation';
export * from './time';
