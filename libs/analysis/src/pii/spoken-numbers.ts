const DIGITS = new Map<string, string>(
  Object.entries({
    zero: '0',
    oh: '0',
    o: '0',
    one: '1',
    two: '2',
    three: '3',
    four: '4',
    for: '4', // ASR writes "four" as "for" in digit strings; it only counts inside a run of digits
    five: '5',
    six: '6',
    seven: '7',
    eight: '8',
    nine: '9',
  }),
);
const TEENS = new Map<string, string>(
  Object.entries({
    ten: '10',
    eleven: '11',
    twelve: '12',
    thirteen: '13',
    fourteen: '14',
    fifteen: '15',
    sixteen: '16',
    seventeen: '17',
    eighteen: '18',
    nineteen: '19',
  }),
);
const TENS = new Map<string, string>(
  Object.entries({
    twenty: '2',
    thirty: '3',
    forty: '4',
    fifty: '5',
    sixty: '6',
    seventy: '7',
    eighty: '8',
    ninety: '9',
  }),
);
const REPEAT = new Map([
  ['double', 2],
  ['triple', 3],
]);
/** Words people put between digit groups that carry no digit. */
const SEPARATORS = new Set(['dash', 'hyphen']);
/** Words that stand for a digit only next to other digits ("oh" is an interjection on its own). */
const WEAK_DIGITS = new Set(['oh', 'o', 'for']);

export interface DigitPiece {
  /** Index of the first and last token this piece consumed. */
  first: number;
  last: number;
  digits: string;
  /** Written with digits ("555-1234") rather than spoken words. */
  written: boolean;
  /** Grouping as written, e.g. [3, 2, 4] for "123-45-6789". */
  groups?: number[];
}

/**
 * Reads the digit sequence starting at token i, in any of the forms people and ASR produce: "5551234567",
 * "555-123-4567", "five five five one two three", "oh" for zero, "double five", "forty five", "eight hundred".
 * Returns null when token i does not start a digit.
 */
export function readDigitPiece(words: string[], i: number): DigitPiece | null {
  const word = words[i];
  if (word === undefined) return null;
  const first = word.charCodeAt(0);
  // Written digits start with a digit, "+" or "(": only those are worth the pattern test.
  if (
    ((first >= 48 && first <= 57) || first === 43 || first === 40) &&
    /^\+?[\d().-]*\d[\d().-]*$/.test(word)
  ) {
    const groups = word
      .split(/[^\d]+/)
      .filter(Boolean)
      .map((group) => group.length);
    return { first: i, last: i, digits: word.replace(/\D/g, ''), written: true, groups };
  }
  const digit = DIGITS.get(word);
  const repeat = REPEAT.get(word);
  const next = words[i + 1];
  const nextDigit = next === undefined ? undefined : DIGITS.get(next);
  if (repeat !== undefined && nextDigit !== undefined)
    return { first: i, last: i + 1, digits: nextDigit.repeat(repeat), written: false };
  const teen = TEENS.get(word);
  if (teen !== undefined) return { first: i, last: i, digits: teen, written: false };
  const tens = TENS.get(word);
  if (tens !== undefined) {
    if (nextDigit !== undefined && !WEAK_DIGITS.has(next) && next !== 'zero')
      return { first: i, last: i + 1, digits: tens + nextDigit, written: false };
    return { first: i, last: i, digits: `${tens}0`, written: false };
  }
  if (digit !== undefined) {
    if (next === 'hundred') return { first: i, last: i + 1, digits: `${digit}00`, written: false };
    return { first: i, last: i, digits: digit, written: false };
  }
  return null;
}

export interface DigitRun {
  first: number;
  last: number;
  digits: string;
  /** Digit count of each piece, to recognise groupings like 3-2-4. */
  pieces: DigitPiece[];
}

/** Every maximal run of digit pieces in a word list (separator words allowed between pieces). */
export function findDigitRuns(words: string[]): DigitRun[] {
  const runs: DigitRun[] = [];
  let i = 0;
  while (i < words.length) {
    const pieces: DigitPiece[] = [];
    let j = i;
    for (;;) {
      const piece = readDigitPiece(words, j);
      if (piece) {
        pieces.push(piece);
        j = piece.last + 1;
      } else if (pieces.length > 0 && SEPARATORS.has(words[j]) && readDigitPiece(words, j + 1)) j++;
      else break;
    }
    // A weak digit word at either edge is usually an ordinary word ("for five days", "five, oh"); a leading "oh"
    // may still be a zero, which `withoutLeadingWeakDigit` lets the caller try both ways.
    while (pieces.length > 0 && words[pieces[0].first] === 'for' && pieces[0].first === pieces[0].last)
      pieces.shift();
    while (pieces.length > 0 && isWeakPiece(words, pieces[pieces.length - 1])) pieces.pop();
    if (pieces.length > 0)
      runs.push({
        first: pieces[0].first,
        last: pieces[pieces.length - 1].last,
        digits: pieces.map((piece) => piece.digits).join(''),
        pieces,
      });
    i = Math.max(j, i + 1);
  }
  return runs;
}

const isWeakPiece = (words: string[], piece: DigitPiece) =>
  piece.first === piece.last && WEAK_DIGITS.has(words[piece.first]);

/** The run without a leading "oh" (an interjection before a number), or null when it does not start with one. */
export function withoutLeadingWeakDigit(words: string[], run: DigitRun): DigitRun | null {
  if (run.pieces.length < 2 || !isWeakPiece(words, run.pieces[0])) return null;
  const pieces = run.pieces.slice(1);
  return { first: pieces[0].first, last: run.last, digits: pieces.map((p) => p.digits).join(''), pieces };
}

/** The Luhn checksum every payment card number satisfies. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return digits.length > 0 && sum % 10 === 0;
}
