/** Billing periods are calendar months in UTC, written `YYYY-MM`. */
export const PERIOD_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** First instant of the period and of the one after it: [start, end). */
export function periodBounds(period: string): { start: Date; end: Date } {
  if (!PERIOD_PATTERN.test(period)) throw new RangeError(`not a YYYY-MM period: ${period}`);
  const [year, month] = period.split('-').map(Number);
  return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
}
