// Word error rate as the ground truth spells it: lower case, punctuation dropped (apostrophes kept inside words),
// hyphenated words split, digits spelled out one by one (the corpus truth spells numbers in words), and the two
// spellings of "okay" taken as one.
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
