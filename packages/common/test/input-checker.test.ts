import { decimalPlaces, InputChecker } from '../src/validation/input-checker';

const check = (value: number, decimals: number) => {
  const c = new InputChecker('input');
  c.number('x', value, { decimals });
  return c.errors;
};

describe('InputChecker.number decimal places', () => {
  it.each([
    [0.29, 2],
    [0.57, 2],
    [1.13, 2],
    [4.35, 2],
    [8.2, 1],
    [0.1, 1],
    [99.99, 2],
    [123456.78, 2],
    [0.0001, 4],
    [0.3333, 4],
    [7, 0],
    [1e21, 0],
    [-2.55, 2],
  ])('accepts %p with at most %p decimal places', (value, decimals) => {
    expect(check(value, decimals)).toEqual([]);
  });

  it.each([
    [0.291, 2],
    [1.005, 2],
    [0.1 + 0.2, 2],
    [7.5, 0],
    [1.5e-7, 4],
    [0.00001, 4],
  ])('refuses %p with more than %p decimal places', (value, decimals) => {
    expect(check(value, decimals)).toEqual([{ field: 'input.x', message: `may have at most ${decimals} decimal places` }]);
  });

  it('counts the decimal places of the number as written', () => {
    expect([0.29, 1, 1.5, 1e-7, 1.25e-5, 1e21, 123.456].map(decimalPlaces)).toEqual([2, 0, 1, 7, 7, 0, 3]);
  });
});
