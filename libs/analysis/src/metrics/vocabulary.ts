import { frequencyRankOf as rankOf } from '../text/word-frequency';

/** CEFR levels by the frequency rank of words a speaker needs: A1 the 1,000 most frequent words of spoken English… */
const CEFR_BANDS: Array<[level: string, rank: number]> = [
  ['A1', 1000],
  ['A2', 2000],
  ['B1', 3000],
  ['B2', 5000],
  ['C1', 10000],
];
/** Words past this rank count as advanced vocabulary in the vocabulary score. */
export const COMMON_WORDS_RANK = 3000;
/** The band must cover this share of the distinct words a speaker used. */
const COVERAGE = 0.95;
/** Fewer distinct words than this say nothing about a speaker's level. */
export const MIN_DISTINCT_WORDS = 20;

export interface VocabularyMeasure {
  /** Share (0..1) of the distinct known words ranked past COMMON_WORDS_RANK; null below MIN_DISTINCT_WORDS. */
  score: number | null;
  /** CEFR level whose word range covers 95% of the distinct known words; null below MIN_DISTINCT_WORDS. */
  level: string | null;
}

/**
 * Vocabulary of a speaker from the distinct words they used. Words the frequency list does not know (names,
 * numbers, misrecognitions) are left out rather than counted as rare.
 */
export function measureVocabulary(distinctWords: Iterable<string>): VocabularyMeasure {
  const known: number[] = [];
  for (const word of distinctWords) {
    if (/\d/.test(word)) continue;
    const rank = rankOf(word) ?? (word.endsWith("'s") ? rankOf(word.slice(0, -2)) : undefined);
    if (rank !== undefined) known.push(rank);
  }
  if (known.length < MIN_DISTINCT_WORDS) return { score: null, level: null };
  known.sort((a, b) => a - b);
  const covering = known[Math.ceil(COVERAGE * known.length) - 1];
  const level = CEFR_BANDS.find(([, rank]) => covering <= rank)?.[0] ?? 'C2';
  const rare = known.filter((rank) => rank > COMMON_WORDS_RANK).length;
  return { score: Math.round((100 * rare) / known.length) / 100, level };
}
