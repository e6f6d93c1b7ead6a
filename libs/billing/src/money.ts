/**
 * Money and metering arithmetic. Amounts are stored and summed as integer cents (no float drift across millions of
 * rows); the API speaks decimal currency units (`127.5`).
 */

/** A duration is rounded to the millisecond before minutes are counted, so float noise (120.0000001) cannot add a minute. */
export function billableMinutes(durationSeconds: number | null | undefined): number {
  if (durationSeconds === null || durationSeconds === undefined) return 0;
  if (!Number.isFinite(durationSeconds) || durationSeconds < 0)
    throw new RangeError(`durationSeconds must be a finite number >= 0, got ${durationSeconds}`);
  const milliseconds = Math.round(durationSeconds * 1000);
  return Math.ceil(milliseconds / 60_000);
}

export function costCents(minutes: number, unitPriceCents: number): number {
  return minutes * unitPriceCents;
}

/** 12750 → 127.5 */
export function centsToAmount(cents: number): number {
  return Math.round(cents) / 100;
}

/** 127.5 → 12750; null when the amount has more than two decimals (a fraction of a cent cannot be stored). */
export function amountToCents(amount: number): number | null {
  if (!Number.isFinite(amount)) return null;
  const cents = Math.round(amount * 100);
  return Math.abs(cents - amount * 100) < 1e-6 ? cents : null;
}

/** Share of the budget spent, in percent with two decimals; null without a budget; a zero budget is 100% spent. */
export function budgetUsedPercent(spentCents: number, budgetLimitCents: number | null): number | null {
  if (budgetLimitCents === null) return null;
  if (budgetLimitCents === 0) return 100;
  return Math.round((spentCents / budgetLimitCents) * 10_000) / 100;
}
