export * from './auth-config';
export * from './claims';
export * from './tokens';
export * from './access';
export * from './service-credentials';
export * from './service-wall';
export * from './authorization';
