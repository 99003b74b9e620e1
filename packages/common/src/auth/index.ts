export * from './auth-config';
export * from './tokens';
