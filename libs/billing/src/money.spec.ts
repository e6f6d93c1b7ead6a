import { amountToCents, billableMinutes, budgetUsedPercent, centsToAmount, costCents } from './money';

describe('billableMinutes', () => {
  it.each([
    [0, 0],
    [0.001, 1],
    [1, 1],
    [59.999, 1],
    [60, 1],
    [60.001, 2],
    [342.5, 6],
    [3600, 60],
  ])('%s seconds bill %s minutes (every started minute counts)', (seconds, minutes) => {
    expect(billableMinutes(seconds)).toBe(minutes);
  });

  it('ignores float noise below a millisecond instead of billing another minute', () => {
    expect(billableMinutes(0.1 * 3 * 400)).toBe(2); // 120.00000000000001
    expect(billableMinutes(120.0004)).toBe(2);
  });

  it('bills nothing for an unknown duration', () => {
    expect(billableMinutes(null)).toBe(0);
    expect(billableMinutes(undefined)).toBe(0);
  });

  it('refuses negative and non-finite durations', () => {
    expect(() => billableMinutes(-1)).toThrow(RangeError);
    expect(() => billableMinutes(Number.NaN)).toThrow(RangeError);
    expect(() => billableMinutes(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('cents and currency units', () => {
  it('converts both ways without drift', () => {
    expect(centsToAmount(12750)).toBe(127.5);
    expect(centsToAmount(1)).toBe(0.01);
    expect(centsToAmount(0)).toBe(0);
    expect(amountToCents(127.5)).toBe(12750);
    expect(amountToCents(0.1 + 0.2)).toBe(30);
    expect(amountToCents(19.99)).toBe(1999);
    for (let cents = 0; cents < 100_000; cents += 7) expect(amountToCents(centsToAmount(cents))).toBe(cents);
  });

  it('refuses fractions of a cent and non-numbers', () => {
    expect(amountToCents(0.005)).toBeNull();
    expect(amountToCents(1.234)).toBeNull();
    expect(amountToCents(Number.NaN)).toBeNull();
  });

  it('prices whole minutes', () => {
    expect(costCents(6, 2)).toBe(12);
    expect(costCents(0, 2)).toBe(0);
  });

  it('reports the share of the budget spent', () => {
    expect(budgetUsedPercent(500, 1000)).toBe(50);
    expect(budgetUsedPercent(1, 3)).toBe(33.33);
    expect(budgetUsedPercent(1500, 1000)).toBe(150);
    expect(budgetUsedPercent(0, 0)).toBe(100);
    expect(budgetUsedPercent(10, null)).toBeNull();
  });
});
