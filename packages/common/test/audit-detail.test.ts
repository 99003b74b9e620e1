import { ConflictError, describeFailure, ForbiddenError, redactNumbers, UserInputError } from '@tongxin/common';

describe('audit details', () => {
  it('name the fields of a bad input, never its messages (which quote what was sent)', () => {
    const error = new UserInputError([
      { field: 'input.idNumber', message: 'holds 19861332 as birth date, which is no real date' },
      { field: 'input.birthDate', message: 'is 1986-07-21, but the ID number gives 1986-07-22' },
      { field: 'input.idNumber', message: 'again' },
    ]);
    expect(describeFailure(error)).toEqual({ outcome: 'FAILED', detail: 'BAD_USER_INPUT: invalid input.idNumber, input.birthDate' });
  });

  it('mask long digit runs in other messages, and leave ids and short numbers alone', () => {
    expect(redactNumbers('number 330302198607211034 or 33030219860721103X, mobile 13812345678, 2026, row 12')).toBe(
      `number ${'*'.repeat(18)} or ${'*'.repeat(18)}, mobile ${'*'.repeat(11)}, 2026, row 12`,
    );
    expect(redactNumbers('Person 01234567-0123-7000-8000-012345678901 was changed')).toBe('Person 01234567-0123-7000-8000-012345678901 was changed');
    expect(describeFailure(new ConflictError('13812345678 is taken'))).toEqual({ outcome: 'FAILED', detail: `CONFLICT: ${'*'.repeat(11)} is taken` });
    expect(describeFailure(new ForbiddenError('An analyst may not.'))).toEqual({ outcome: 'REFUSED', detail: 'FORBIDDEN: An analyst may not.' });
    expect(describeFailure(new Error('secret 330302198607211034'))).toEqual({ outcome: 'FAILED', detail: 'INTERNAL_SERVER_ERROR: internal error' });
  });
});
