import { UserInputError } from '../src/errors';
import { decodeCursor, encodeCursor, ID_CURSOR, pageRequest } from '../src/graphql/relay';

const ID = '01920000-0000-7000-8000-00000000abcd';

function refusal(after: string): UserInputError {
  try {
    pageRequest({ first: 5, after });
  } catch (e) {
    return e as UserInputError;
  }
  throw new Error(`pageRequest accepted ${after}`);
}

describe('cursors of id-keyed lists', () => {
  it('accepts the cursor a page issued, lower-casing the id', () => {
    expect(pageRequest({ first: 5, after: encodeCursor([ID]) })).toEqual({ first: 5, after: [ID] });
    expect(decodeCursor(encodeCursor([ID.toUpperCase()]), ID_CURSOR)).toEqual([ID]);
    expect(pageRequest({})).toEqual({ first: 20, after: null });
  });

  it.each([
    ['a number', [12345]],
    ['a string that is no id', ['01920000']],
    ['an empty string', ['']],
    ['an object', [{ id: ID }]],
    ['an array', [[ID]]],
    ['null', [null]],
    ['two values', [ID, ID]],
    ['no value', []],
    ['no array', { id: ID }],
  ])('refuses a cursor holding %s with BAD_USER_INPUT "is not a cursor of this list"', (_label, values) => {
    const error = refusal(encodeCursor(values as never));
    expect(error).toBeInstanceOf(UserInputError);
    expect(error.extensions.code).toBe('BAD_USER_INPUT');
    expect(error.fields).toEqual([{ field: 'after', message: expect.stringMatching(/^is not a cursor of this list/) }]);
  });

  it('refuses what is not base64url JSON at all', () => {
    expect(refusal('nope!').fields[0]!.field).toBe('after');
    expect(refusal(Buffer.from('[1,').toString('base64url')).fields[0]!.field).toBe('after');
  });

  it('checks other shapes value by value', () => {
    expect(decodeCursor(encodeCursor(['甲', 3, ID]), ['text', 'number', 'id'])).toEqual(['甲', 3, ID]);
    expect(() => decodeCursor(encodeCursor([3, 3, ID]), ['text', 'number', 'id'])).toThrow(UserInputError);
    expect(() => decodeCursor(encodeCursor(['甲', '3', ID]), ['text', 'number', 'id'])).toThrow(UserInputError);
  });
});
