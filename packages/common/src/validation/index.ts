export * from './id-number';
export * from './input-checker';
