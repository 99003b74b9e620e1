import { GraphQLError, Kind } from 'graphql';
import { DateTimeScalar, readInstant } from '../src/graphql/scalars';

describe('DateTime', () => {
  it.each([
    ['2026-05-01T09:30:00+08:00', '2026-05-01T01:30:00.000Z'],
    ['2026-05-01T01:30:00Z', '2026-05-01T01:30:00.000Z'],
    ['2026-05-01T01:30:00.250z', '2026-05-01T01:30:00.250Z'],
    ['2026-05-01T09:30+08:00', '2026-05-01T01:30:00.000Z'],
    ['2026-04-30T21:30:00-04:00', '2026-05-01T01:30:00.000Z'],
  ])('reads %s as the instant %s, whatever zone the server is in', (text, iso) => {
    expect(DateTimeScalar.parseValue(text).toISOString()).toBe(iso);
    expect(DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text }, undefined).toISOString()).toBe(iso);
  });

  it.each(['2026-05-01T09:30:00', '2026-05-01T09:30', '2026-05-01T09:30:00.000'])('refuses %s, which names no offset, with BAD_USER_INPUT', (text) => {
    let error: unknown;
    try {
      DateTimeScalar.parseValue(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions.code).toBe('BAD_USER_INPUT');
    expect((error as GraphQLError).message).toMatch(/no time zone.*\+08:00.*Z/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text }, undefined)).toThrow(/no time zone/);
  });

  it.each(['2026-05-01', '2026-05-01 09:30:00Z', '2026-02-30T09:30:00Z', '2026-05-01T24:00:00Z', '2026-05-01T09:30:00+0800', 'Fri May 01 2026 09:30:00 GMT+0800', '1746063000000'])(
    'refuses %s',
    (text) => {
      expect(() => DateTimeScalar.parseValue(text)).toThrow(GraphQLError);
      expect('error' in readInstant(text)).toBe(true);
    },
  );

  it('refuses what is not a string', () => {
    expect(() => DateTimeScalar.parseValue(1746063000000)).toThrow(GraphQLError);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.INT, value: '1' }, undefined)).toThrow(GraphQLError);
  });
});
