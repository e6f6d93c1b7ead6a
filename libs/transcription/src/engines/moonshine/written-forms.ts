import { DecodedWord } from './word-timing';

/**
 * Moonshine learnt to write from public-domain audiobooks and keeps some of their spellings: "to-day", "to-morrow",
 * "good-bye", "every one" for "everyone". Search, keywords and scorecard phrases look for today's spelling, so the
 * engine writes that instead (capitals and punctuation kept).
 */
const SINGLE: Record<string, string> = {
  'to-day': 'today',
  'to-morrow': 'tomorrow',
  'to-night': 'tonight',
  'good-bye': 'goodbye',
  'good-by': 'goodbye',
  'any-one': 'anyone',
  'every-one': 'everyone',
  'some-one': 'someone',
  'no-one': 'no one',
};
/** Two words written apart that today are one, unless "of" follows ("every one of them" stays). */
const PAIRS: Record<string, string> = {
  'every one': 'everyone',
  'any one': 'anyone',
  'some one': 'someone',
  'no body': 'nobody',
  'any body': 'anybody',
  'every body': 'everybody',
  'some body': 'somebody',
};

/** Splits "To-day," into its leading letters' case, the bare lower-case word and the punctuation after it. */
function parts(text: string): { bare: string; tail: string; capital: boolean } {
  const match = /^(.*?)([.,!?;:"')\]]*)$/.exec(text)!;
  return { bare: match[1].toLowerCase(), tail: match[2], capital: /^[A-Z]/.test(match[1]) };
}
const cased = (word: string, capital: boolean) => (capital ? word[0].toUpperCase() + word.slice(1) : word);

export function modernSpellings(words: readonly DecodedWord[]): DecodedWord[] {
  const result: DecodedWord[] = [];
  for (let index = 0; index < words.length; index++) {
    const word = words[index];
    const current = parts(word.text);
    const next = words[index + 1];
    if (next && !current.tail) {
      const following = parts(next.text);
      const joined = PAIRS[`${current.bare} ${following.bare}`];
      const afterPair = words[index + 2] ? parts(words[index + 2].text).bare : '';
      if (joined && afterPair !== 'of') {
        result.push({
          text: cased(joined, current.capital) + following.tail,
          confidence: (word.confidence + next.confidence) / 2,
        });
        index++;
        continue;
      }
    }
    const modern = SINGLE[current.bare];
    result.push(modern ? { ...word, text: cased(modern, current.capital) + current.tail } : { ...word });
  }
  return result;
}
