export * from './districts';
export * from './ethnicities';
export { PROVINCE_CODES } from './provinces.data';
