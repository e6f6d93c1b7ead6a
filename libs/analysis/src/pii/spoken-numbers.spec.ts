import { findDigitRuns, luhnValid, withoutLeadingWeakDigit } from './spoken-numbers';

const digitsOf = (text: string) => findDigitRuns(text.split(' ')).map((run) => run.digits);

describe('findDigitRuns', () => {
  it('reads spoken digits, "oh", doubles, tens and hundreds', () => {
    expect(digitsOf('five five five one two three four five six seven')).toEqual(['5551234567']);
    expect(digitsOf('oh two oh double seven')).toEqual(['02077']);
    expect(digitsOf('one eight hundred forty five sixty')).toEqual(['18004560']);
  });

  it('joins written groups and separators', () => {
    expect(digitsOf('call 555-123 4567 now')).toEqual(['5551234567']);
    expect(digitsOf('four one dash one one')).toEqual(['4111']);
  });

  it('does not read an interjection "oh" or the word "for" at the edge as a digit', () => {
    expect(digitsOf('five five five for you')).toEqual(['555']);
    const words = 'oh five five five one two three four'.split(' ');
    const [run] = findDigitRuns(words);
    expect(run.digits).toBe('05551234');
    expect(withoutLeadingWeakDigit(words, run)?.digits).toBe('5551234');
    expect(digitsOf('thanks for calling')).toEqual([]);
  });

  it('reads no digits into words that are object property names', () => {
    expect(digitsOf('constructor toString hasOwnProperty')).toEqual([]);
  });

  it('keeps unrelated numbers apart', () => {
    expect(digitsOf('three to five business days')).toEqual(['3', '5']);
  });
});

describe('luhnValid', () => {
  it('accepts card numbers with a valid checksum only', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});
