import type { MeaningLookup, MeaningNeed } from '../scorecard/scorecard';
import type { SentenceEmbedder } from './sentence-embedder';

/** An utterance means the same as an example when at least this similar to it… */
export const MEANING_MIN_SIMILARITY = 0.5;
/**
 * …and more similar to it, by this margin, than to any ordinary call utterance and to any example of the profile's
 * other criteria (a nearest-meaning rule: "Morning, billing desk, at your service" is a greeting, not a resolution).
 */
export const MEANING_MIN_MARGIN = 0.08;
/** Shorter utterances ("Yeah, support.") carry too little for the encoder: only their phrases count. */
export const MEANING_MIN_WORDS = 4;

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

function cosine(a: number[], b: number[]): number {
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

/** Example and background vectors are the same on every call: kept per process (bounded). */
const EXAMPLE_CACHE_LIMIT = 5000;
const exampleVectors = new Map<string, number[]>();
let ordinaryVectors: Promise<number[][]> | undefined;

async function vectorsOf(embedder: SentenceEmbedder, texts: string[]): Promise<Map<string, number[]>> {
  const missing = [...new Set(texts)].filter((text) => !exampleVectors.has(text));
  const vectors = await embedder.embed(missing);
  if (exampleVectors.size + missing.length > EXAMPLE_CACHE_LIMIT) exampleVectors.clear();
  missing.forEach((text, i) => exampleVectors.set(text, vectors[i]));
  return new Map(texts.map((text) => [text, exampleVectors.get(text) ?? vectors[missing.indexOf(text)]]));
}

/**
 * Embeds what the scorecard still needs matched by meaning — the utterances that may match, each once, and the
 * examples — and answers the scorecard's look-ups from those vectors: the first eligible utterance (in time)
 * nearest to the wanted examples, by the margins above.
 */
export async function prepareMeaning(
  embedder: SentenceEmbedder,
  sentences: string[],
  needs: MeaningNeed[],
  /** Every example list of the profile (each criterion's and each trigger's): the competing meanings. */
  profileExamples: string[][] = [],
): Promise<MeaningLookup> {
  const indexes = [...new Set(needs.flatMap((need) => need.eligible))].filter(
    (i) =>
      (sentences[i] ?? '').split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length >=
      MEANING_MIN_WORDS,
  );
  const examples = [...new Set([...needs.map((need) => need.examples), ...profileExamples].flat())];
  ordinaryVectors ??= embedder.embed(ORDINARY_UTTERANCES).catch((error: unknown) => {
    ordinaryVectors = undefined;
    throw error;
  });
  const [utteranceVectors, examplesByText, ordinary] = await Promise.all([
    embedder.embed(indexes.map((i) => sentences[i])),
    vectorsOf(embedder, examples),
    ordinaryVectors,
  ]);
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
    for (const index of eligible) {
      if (!vectorOf.has(index)) continue;
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
