import { editDistance, stem, tokenize, type Token } from '../text/tokens';

/** Words prepared for matching: stems, and each word written together with the next ("may"+"be" → "maybe"). */
interface Words {
  norms: string[];
  stems: string[];
  /** joined[i] = word i and word i+1 written as one (lower-case, unstemmed). */
  joined: string[];
}

/** A sentence prepared for matching: its tokens and their stems, computed once per analysis. */
export interface MatchableText extends Words {
  tokens: Token[];
  /** Every stem, word and joined pair of the sentence, for a quick reject before the alignment. */
  vocabulary: Set<string>;
}

export interface CompiledPhrase extends Words {
  phrase: string;
  /** Edit budget in tokens: a fuzzy word costs 0.5, a missing, extra or wrong word 1. */
  budget: number;
}

export interface PhraseMatch {
  phrase: string;
  /** Token range [start, end) of the sentence that matched. */
  start: number;
  end: number;
  cost: number;
}

function wordsOf(norms: string[]): Words {
  return {
    norms,
    stems: norms.map(stem),
    joined: norms.slice(0, -1).map((norm, i) => norm + norms[i + 1]),
  };
}

export function prepareText(text: string, tokens: Token[] = tokenize(text)): MatchableText {
  const words = wordsOf(tokens.map((token) => token.norm));
  return { tokens, ...words, vocabulary: new Set([...words.stems, ...words.norms, ...words.joined]) };
}

/**
 * Tolerance grows with length: one word may be off by a letter or two ("recorder" for "recorded"); from four
 * words on, one word in four may be missing, extra or misheard, as ASR does ("this call may be recorded" still
 * matches "the call maybe recorded").
 */
export function compilePhrase(phrase: string): CompiledPhrase {
  const words = wordsOf(tokenize(phrase).map((token) => token.norm));
  const m = words.stems.length;
  const budget = m >= 4 ? Math.floor(m / 4) : m >= 2 ? 0.5 : 0;
  return { phrase, ...words, budget };
}

/** 0 for the same stem, 0.5 for a near spelling of a longer word (ASR slip, inflection the stemmer missed), else 1. */
export function tokenCost(a: string, b: string): number {
  if (a === b) return 0;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return 1;
  return editDistance(a, b, 2) <= (shorter >= 8 ? 2 : 1) ? 0.5 : 1;
}

/** Two adjacent words of one side written as one word of the other ("maybe" / "may be", "good bye"): free. */
const joinedCost = (joined: string | undefined, single: string) => (joined === single ? 0 : Infinity);

/**
 * A necessary condition, cheap to test: a phrase word costs nothing only when its stem (or its pair, joined) is in
 * the sentence, and every other word costs at least 0.5, so at most 2 × budget words may be missing from it.
 * It lets the alignment run only for sentences that share the phrase's words.
 */
function couldMatch(text: MatchableText, phrase: CompiledPhrase): boolean {
  const m = phrase.stems.length;
  let present = 0;
  for (let i = 0; i < m; i++) {
    if (
      text.vocabulary.has(phrase.stems[i]) ||
      text.vocabulary.has(phrase.norms[i]) ||
      (i + 1 < m && text.vocabulary.has(phrase.joined[i])) ||
      (i > 0 && text.vocabulary.has(phrase.joined[i - 1]))
    )
      present++;
  }
  return m - present <= 2 * phrase.budget;
}

/**
 * Approximate phrase search over tokens (Sellers' algorithm: edit distance where the match may start anywhere in
 * the text). Returns the cheapest match within the phrase's budget, or null.
 */
export function matchPhrase(text: MatchableText, phrase: CompiledPhrase): PhraseMatch | null {
  const m = phrase.stems.length;
  const n = text.stems.length;
  if (m === 0 || n === 0 || !couldMatch(text, phrase)) return null;
  // cost[i] / from[i]: best cost aligning the first i phrase words ending at the current text position, and where
  // in the text that alignment starts.
  let cost = Array.from({ length: m + 1 }, (_, i) => i);
  let from = new Array<number>(m + 1).fill(0);
  let previousCost = cost;
  let previousFrom = from;
  let best: PhraseMatch | null = null;
  for (let j = 1; j <= n; j++) {
    const nextCost = [0];
    const nextFrom = [j];
    for (let i = 1; i <= m; i++) {
      const substitute = cost[i - 1] + tokenCost(phrase.stems[i - 1], text.stems[j - 1]);
      const skipText = cost[i] + 1; // an extra word in the text
      const skipPhrase = nextCost[i - 1] + 1; // a phrase word the text lacks
      if (substitute <= skipText && substitute <= skipPhrase) {
        nextCost[i] = substitute;
        nextFrom[i] = i === 1 ? j - 1 : from[i - 1];
      } else if (skipText <= skipPhrase) {
        nextCost[i] = skipText;
        nextFrom[i] = from[i];
      } else {
        nextCost[i] = skipPhrase;
        nextFrom[i] = nextFrom[i - 1];
      }
      // Two phrase words said as one ("may be" heard as "maybe"), or one phrase word heard as two.
      const phrasePair =
        i >= 2 ? cost[i - 2] + joinedCost(phrase.joined[i - 2], text.norms[j - 1]) : Infinity;
      if (phrasePair < nextCost[i]) {
        nextCost[i] = phrasePair;
        nextFrom[i] = i === 2 ? j - 1 : from[i - 2];
      }
      const textPair =
        j >= 2 ? previousCost[i - 1] + joinedCost(text.joined[j - 2], phrase.norms[i - 1]) : Infinity;
      if (textPair < nextCost[i]) {
        nextCost[i] = textPair;
        nextFrom[i] = i === 1 ? j - 2 : previousFrom[i - 1];
      }
    }
    previousCost = cost;
    previousFrom = from;
    cost = nextCost;
    from = nextFrom;
    if (cost[m] <= phrase.budget && (best === null || cost[m] < best.cost))
      best = { phrase: phrase.phrase, start: from[m], end: j, cost: cost[m] };
  }
  return best;
}

/** The first phrase (in the order given) found in the text. */
export function findAnyPhrase(text: MatchableText, phrases: CompiledPhrase[]): PhraseMatch | null {
  for (const phrase of phrases) {
    const match = matchPhrase(text, phrase);
    if (match) return match;
  }
  return null;
}
