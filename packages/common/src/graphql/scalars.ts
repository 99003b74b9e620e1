import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isRealDate } from '../validation/id-number';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !DATE.test(value) || !isRealDate(value.replace(/-/g, ''))) {
    throw new GraphQLError(`must be a real date written YYYY-MM-DD, not ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** A calendar date without time or zone: `YYYY-MM-DD` (birth dates, membership terms). */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, written YYYY-MM-DD.',
  serialize(value) {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'string') return value.slice(0, 10);
    throw new GraphQLError(`Date cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDate,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string written YYYY-MM-DD');
    return parseDate(ast.value);
  },
});

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?([Zz]|[+-](\d{2}):(\d{2}))?$/;

/**
 * Reads an instant written as ISO 8601 / RFC 3339 with its offset (`2026-05-01T09:30:00+08:00`,
 * `2026-05-01T01:30:00Z`), or says why it is not one. A date and time without an offset is
 * refused: its meaning would depend on the time zone the server happens to run in.
 */
export function readInstant(value: unknown): { readonly date: Date } | { readonly error: string } {
  const example = '2026-05-01T09:30:00+08:00 or 2026-05-01T01:30:00Z';
  const shown = JSON.stringify(typeof value === 'string' && value.length > 40 ? `${value.slice(0, 40)}…` : value);
  const m = typeof value === 'string' ? DATE_TIME.exec(value) : null;
  if (!m) return { error: `must be an ISO 8601 date and time with its offset (${example}), not ${shown}` };
  const [, y, mo, d, h, mi, sec, zone, oh, om] = m;
  if (zone === undefined) {
    return { error: `has no time zone: add the offset (+08:00 for Beijing time) or Z for UTC, e.g. ${example}; ${shown} would depend on the server's time zone` };
  }
  if (!isRealDate(`${y}${mo}${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59 || Number(oh ?? 0) > 23 || Number(om ?? 0) > 59) {
    return { error: `is not a real date and time: ${shown}` };
  }
  const date = new Date(value as string);
  if (Number.isNaN(date.getTime())) return { error: `is not a real date and time: ${shown}` };
  return { date };
}

function parseDateTime(value: unknown): Date {
  const read = readInstant(value);
  if ('error' in read) throw new GraphQLError(`DateTime ${read.error}`, { extensions: { code: 'BAD_USER_INPUT' } });
  return read.date;
}

/** An instant, as ISO 8601 in UTC on output (`2026-05-01T01:30:00.000Z`). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  description: 'An instant in time, ISO 8601 (UTC on output).',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return new Date(value.includes('T') || value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`).toISOString();
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('DateTime must be a string');
    return parseDateTime(ast.value);
  },
});
