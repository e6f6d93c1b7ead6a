import { inclusiveUpperBound } from './date-range';

describe('inclusiveUpperBound', () => {
  it('reads a bare day as the whole day', () => {
    expect(inclusiveUpperBound(new Date('2026-03-05')).toISOString()).toBe('2026-03-05T23:59:59.999Z');
  });

  it('keeps a bound that carries a time', () => {
    expect(inclusiveUpperBound(new Date('2026-03-05T12:30:00Z')).toISOString()).toBe(
      '2026-03-05T12:30:00.000Z',
    );
  });
});
