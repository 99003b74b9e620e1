import { UuidV7Generator } from '../src/ids';
import { isId } from '../src/validation/input-checker';

describe('UUIDv7 ids', () => {
  it('are valid UUIDs that sort in creation order, even within one millisecond', () => {
    const gen = new UuidV7Generator(() => 1_700_000_000_000);
    const ids = Array.from({ length: 5000 }, () => gen.next());
    expect(ids.every(isId)).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids[0]![14]).toBe('7');
  });
});
