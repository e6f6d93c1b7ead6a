import type { MeaningLookup, MeaningNeed } from '../scorecard/scorecard';
import { STOPWORDS, stem, words } from '../text/tokens';
import { frequencyRankOf } from '../text/word-frequency';
import type { SentenceEmbedder, SentenceVector } from './sentence-embedder';

/** An utterance means the same as an example when at least this similar to it… */
export const MEANING_MIN_SIMILARITY = 0.5;
/**
 * …and more similar to it, by this margin, than to any ordinary call utterance and to any example of the profile's
 * other criteria (a nearest-meaning rule: "Morning, billing desk, at your service" is a greeting, not a resolution).
 */
export const MEANING_MIN_MARGIN = 0.08;
/** Shorter utterances ("Yeah, support.") carry too little for the encoder: only their phrases count. */
export const MEANING_MIN_WORDS = 4;

/** Words this frequent in speech ("call", "help", "sorry", "anything") say too little of what an utterance is about. */
export const MEANING_COMMON_WORD_RANK = 200;

const isCommon = (word: string) =>
  (frequencyRankOf(word) ?? Infinity) <= MEANING_COMMON_WORD_RANK ||
  (frequencyRankOf(stem(word)) ?? Infinity) <= MEANING_COMMON_WORD_RANK;

/**
 * The distinctive words of a text, stemmed ("recording" and "recorded" are one). An utterance is weighed against a
 * criterion's examples only when it shares one of them with the examples: the encoder costs 10–20 ms a sentence,
 * and an utterance with no such word in common with any example seldom comes near it (say "taped" rather than
 * "recorded" and it will not be found: give an example with that word). Candidates by words, then judged by meaning.
 */
function contentStems(text: string): string[] {
  return words(text)
    .filter((word) => word.length > 2 && !STOPWORDS.has(word) && !/\d/.test(word) && !isCommon(word))
    .map(stem);
}

/**
 * Ordinary things said on service and sales calls that bear on no criterion. A small sentence encoder finds many
 * call utterances loosely alike ("Please hold while I check" is near "I understand"); an utterance counts as
 * meaning an example only when it is nearer to it than to all of these.
 */
export const ORDINARY_UTTERANCES = [
  'Let me check that for you.',
  'Can you confirm your account number?',
  'Please hold for a moment.',
  'I see the charge on your statement.',
  'What is the order number?',
  'Okay, one moment while I look that up.',
  'Yes, that is right.',
  'The payment was processed on Monday.',
  'I need to reset my password.',
  'It says the service is down in your area.',
  'Can I have your postcode please?',
  'I will transfer you to the right team.',
  'Sure, no problem.',
  'The technician will arrive between eight and noon.',
  'My internet keeps dropping.',
  'Could you spell your last name for me?',
  'The plan costs forty dollars a month.',
  'I bought it last week and it stopped working.',
];

function cosine(a: SentenceVector, b: SentenceVector): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Embeds what the scorecard still needs matched by meaning — the utterances that may match, each once, the
 * examples and the ordinary utterances, in one request (the embedder keeps what recurs from call to call) — and
 * answers the scorecard's look-ups from those vectors: the first eligible utterance (in time) nearest to the wanted
 * examples, by the margins above. Null when no utterance is a candidate: no look-up could find anything.
 */
export async function prepareMeaning(
  embedder: SentenceEmbedder,
  sentences: string[],
  needs: MeaningNeed[],
  /** Every example list of the profile (each criterion's and each trigger's): the competing meanings. */
  profileExamples: string[][] = [],
): Promise<MeaningLookup | null> {
  const stemsOf = new Map<number, Set<string>>();
  // An utterance too short for the encoder has no words to share: it is never a candidate.
  const stemsOfSentence = (i: number) => {
    const sentence = sentences[i] ?? '';
    const long =
      sentence.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >= MEANING_MIN_WORDS;
    return new Set(long ? contentStems(sentence) : []);
  };
  const candidate = (i: number, vocabulary: Set<string>) => {
    let stems = stemsOf.get(i);
    if (!stems) stemsOf.set(i, (stems = stemsOfSentence(i)));
    for (const word of stems) if (vocabulary.has(word)) return true;
    return false;
  };
  const vocabularies = new Map<string, Set<string>>();
  const vocabularyOf = (wanted: string[]) => {
    const key = wanted.join('\u0000');
    let vocabulary = vocabularies.get(key);
    if (!vocabulary) vocabularies.set(key, (vocabulary = new Set(wanted.flatMap(contentStems))));
    return vocabulary;
  };
  const indexes = [
    ...new Set(
      needs.flatMap((need) => need.eligible.filter((i) => candidate(i, vocabularyOf(need.examples)))),
    ),
  ];
  // No utterance is a candidate for any need: nothing can match by meaning, and nothing is embedded.
  if (indexes.length === 0) return null;
  const examples = [...new Set([...needs.map((need) => need.examples), ...profileExamples].flat())];
  const vectors = await embedder.embed([
    ...indexes.map((i) => sentences[i]),
    ...examples,
    ...ORDINARY_UTTERANCES,
  ]);
  const utteranceVectors = vectors.slice(0, indexes.length);
  const examplesByText = new Map(examples.map((example, k) => [example, vectors[indexes.length + k]]));
  const ordinary = vectors.slice(indexes.length + examples.length);
  const vectorOf = new Map(indexes.map((index, k) => [index, utteranceVectors[k]]));
  const ordinaryCeiling = new Map(
    indexes.map((index) => [index, Math.max(...ordinary.map((v) => cosine(vectorOf.get(index)!, v)))]),
  );
  const similarity = new Map<string, number>();
  const similarityOf = (index: number, example: string) => {
    const key = `${index}\u0000${example}`;
    let value = similarity.get(key);
    if (value === undefined) {
      value = cosine(vectorOf.get(index)!, examplesByText.get(example)!);
      similarity.set(key, value);
    }
    return value;
  };

  return (wanted, eligible) => {
    const own = new Set(wanted);
    const rivals = examples.filter((example) => !own.has(example));
    const vocabulary = vocabularyOf(wanted);
    for (const index of eligible) {
      if (!vectorOf.has(index) || !candidate(index, vocabulary)) continue;
      let best = -1;
      let bestExample = '';
      for (const example of wanted) {
        const value = similarityOf(index, example);
        if (value > best) [best, bestExample] = [value, example];
      }
      if (best < MEANING_MIN_SIMILARITY) continue;
      const ceiling = Math.max(
        ordinaryCeiling.get(index)!,
        ...rivals.map((example) => similarityOf(index, example)),
      );
      if (best - ceiling >= MEANING_MIN_MARGIN) return { index, example: bestExample };
    }
    return null;
  };
}
