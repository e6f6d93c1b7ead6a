// Word error rate as the ground truth spells it: lower case, punctuation dropped (apostrophes kept inside words),
// hyphenated words split, digits spelled out one by one (the corpus truth spells numbers in words), and the two
// spellings of "okay" taken as one.
import { ToWords } from 'to-words';

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

export function normalizeWords(text) {
  return text
    .toLowerCase()
    .replace(/\d/g, (d) => ` ${DIGITS[Number(d)]} `)
    .replace(/[^a-z' ]+/g, ' ')
    .split(/\s+/)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .map((word) => (word === 'ok' ? 'okay' : word))
    .filter(Boolean);
}

/** Substitutions + deletions + insertions (Levenshtein over words) against the reference length. */
export function wordErrors(reference, hypothesis) {
  let previous = Array.from({ length: hypothesis.length + 1 }, (_, j) => j);
  for (let i = 1; i <= reference.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= hypothesis.length; j += 1) {
      const substitution = previous[j - 1] + (reference[i - 1] === hypothesis[j - 1] ? 0 : 1);
      current.push(Math.min(substitution, previous[j] + 1, current[j - 1] + 1));
    }
    previous = current;
  }
  return { errors: previous[hypothesis.length], words: reference.length, reference: reference.length };
}

const toWords = new ToWords({ localeCode: 'en-US' });
const NUMBER = /(\$?)(\d[\d,]*)(st|nd|rd|th)?(%?)/g;

/**
 * The ways a number written in digits may have been said: digit by digit ("555 0134"), as a cardinal ("$30" as
 * "thirty dollars", "12 months"), or as an ordinal ("3rd").
 */
function readingsOf(token) {
  const [, dollar, digits, suffix, percent] = new RegExp(NUMBER.source).exec(token);
  const value = Number(digits.replace(/,/g, ''));
  const unit = `${dollar ? ' dollars' : ''}${percent ? ' percent' : ''}`;
  const readings = [`${digits.replace(/,/g, '')}${unit}`];
  if (Number.isSafeInteger(value) && digits.replace(/,/g, '').length <= 7)
    readings.push(`${suffix ? toWords.toOrdinal(value) : toWords.convert(value)}${unit}`);
  return readings.map((reading) => normalizeWords(reading));
}

/**
 * Errors of an engine's text against the reference, each number in it taken as it was most likely said: an engine
 * that writes "$30" for "thirty dollars" heard it right. The reading of each number is chosen greedily, in order,
 * as the one that leaves the fewest errors.
 */
export function wordErrorsReadingNumbers(reference, hypothesisText) {
  const parts = [];
  let last = 0;
  for (const match of hypothesisText.matchAll(NUMBER)) {
    parts.push([normalizeWords(hypothesisText.slice(last, match.index))], readingsOf(match[0]));
    last = match.index + match[0].length;
  }
  parts.push([normalizeWords(hypothesisText.slice(last))]);
  const choice = parts.map(() => 0);
  const words = () => parts.flatMap((options, i) => options[choice[i]]);
  let best = wordErrors(reference, words());
  parts.forEach((options, i) => {
    for (let option = 1; option < options.length; option += 1) {
      const kept = choice[i];
      choice[i] = option;
      const tried = wordErrors(reference, words());
      if (tried.errors < best.errors) best = tried;
      else choice[i] = kept;
    }
  });
  return best;
}
