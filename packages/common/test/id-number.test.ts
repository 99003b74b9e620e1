import { idNumberCheckChar, makeIdNumber, parseIdNumber } from '../src/validation/id-number';

describe('GB 11643 ID numbers', () => {
  it('computes the ISO 7064 MOD 11-2 check character', () => {
    // The worked example of GB 11643-1999.
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
    expect(parseIdNumber('11010519491231002X')).toEqual({
      idNumber: '11010519491231002X',
      regionCode: '110105',
      birthDate: '1949-12-31',
      gender: 'FEMALE',
    });
  });

  it('accepts a lower-case x and retired county codes of a valid province', () => {
    const n = makeIdNumber('330321', '1980-01-15', 11); // 苍南's pre-2019 neighbours: retired code
    expect(parseIdNumber(n.toLowerCase())).toMatchObject({ gender: 'MALE', birthDate: '1980-01-15' });
  });

  it.each([
    ['330302198503041234', 'wrong check character'],
    ['330302850304123', '15-digit'],
    ['33030219850304123', '18 characters'],
    ['990302198503041231', 'no province code'],
    [makeIdNumber('330302', '1985-02-30', 123).replace('19850230', '19850230'), 'no real date'],
    [makeIdNumber('330302', '2099-01-01', 123), 'in the future'],
    [makeIdNumber('330302', '1899-12-31', 123), 'before 1900'],
  ])('refuses %s (%s)', (value, reason) => {
    const result = parseIdNumber(value, '2026-11-25');
    expect(result).toHaveProperty('error');
    expect((result as { error: string }).error).toContain(reason);
  });

  it('reads the gender from the sequence parity', () => {
    expect(parseIdNumber(makeIdNumber('330302', '1990-06-01', 122))).toMatchObject({ gender: 'FEMALE' });
    expect(parseIdNumber(makeIdNumber('330302', '1990-06-01', 121))).toMatchObject({ gender: 'MALE' });
  });
});
