import { periodBounds, periodOf } from './period';

describe('billing periods', () => {
  it('are UTC calendar months', () => {
    expect(periodOf(new Date('2026-03-31T23:59:59.999Z'))).toBe('2026-03');
    expect(periodOf(new Date('2026-04-01T00:00:00Z'))).toBe('2026-04');
    // 23:30 on 31 March in New York is already April in UTC
    expect(periodOf(new Date('2026-03-31T23:30:00-04:00'))).toBe('2026-04');
  });

  it('have half-open bounds, December rolling into the next year', () => {
    expect(periodBounds('2026-12')).toEqual({
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
    });
  });

  it('refuses what is not YYYY-MM', () => {
    expect(() => periodBounds('2026-13')).toThrow(RangeError);
    expect(() => periodBounds('2026-3')).toThrow(RangeError);
  });
});
