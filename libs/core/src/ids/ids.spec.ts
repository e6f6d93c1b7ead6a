import { ParseIdPipe } from './parse-id.pipe';
import { isIdOf, newId } from './ids';
import { AppError } from '../errors/app-error';

describe('ids', () => {
  it('makes prefixed ids that sort by creation time', async () => {
    const first = newId('rec');
    await new Promise((resolve) => setTimeout(resolve, 2));
    const second = newId('rec');
    expect(first).toMatch(/^rec_[0-9A-Z]{26}$/);
    expect([second, first].sort()).toEqual([first, second]);
  });

  it('does not repeat itself across many ids made in the same instant', () => {
    const ids = Array.from({ length: 20_000 }, () => newId('dlv'));
    expect(new Set(ids).size).toBe(ids.length);
    // the random part spreads over the whole Crockford alphabet
    expect(new Set(ids.flatMap((id) => [...id.slice(-16)])).size).toBe(32);
  });

  it('recognises only its own prefix', () => {
    const id = newId('prj');
    expect(isIdOf('prj', id)).toBe(true);
    expect(isIdOf('rec', id)).toBe(false);
    expect(isIdOf('prj', `${id}x`)).toBe(false);
    expect(isIdOf('prj', 42)).toBe(false);
  });

  it('answers a wrong prefix with NOT_FOUND', () => {
    const pipe = new ParseIdPipe('rec', 'Record');
    expect(pipe.transform(newId('rec'))).toMatch(/^rec_/);
    expect(() => pipe.transform(newId('prj'))).toThrow(AppError);
    try {
      pipe.transform('../../etc/passwd');
    } catch (error) {
      expect((error as AppError).code).toBe('NOT_FOUND');
    }
  });
});
