/** A word of a sentence: `norm` is lower-case without punctuation; start/end are offsets into the original text. */
export interface Token {
  raw: string;
  norm: string;
  start: number;
  end: number;
}

// A word between whitespace, split into leading punctuation, the word itself, and trailing punctuation. Apostrophes
// and dots stay inside words ("don't", "jane.doe@example.com"); @ may open one.
const WORD = /([^\s\p{L}\p{N}@]*)([^\s]*?)[^\s\p{L}\p{N}]*(?=\s|$)/gu;

/** Splits on whitespace, keeping each word's place in the text so spans can be cut out (PII) or quoted (evidence). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const core = match[2];
    if (!core) continue;
    const start = match.index + match[1].length;
    const lower = core.toLowerCase();
    tokens.push({
      raw: core,
      norm: lower.includes('’') || lower.includes('‘') ? lower.replace(/[’‘]/g, "'") : lower,
      start,
      end: start + core.length,
    });
  }
  return tokens;
}

/** Words only: lower-case, apostrophes kept, punctuation and hyphens split. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ''))
    .filter(Boolean);
}

const SUFFIXES: Array<[string, number]> = [
  // [suffix, shortest stem left behind]; longest first so "ations" wins over "s".
  ['ational', 3],
  ['ations', 3],
  ['ation', 3],
  ['ments', 3],
  ['ment', 3],
  ['ness', 3],
  ['ingly', 3],
  ['edly', 3],
  ['ings', 3],
  ['ing', 3],
  ['ies', 2],
  ['ied', 2],
  ['ed', 3],
  ['ly', 3],
  ['es', 3],
  ['s', 3],
];

/**
 * A light English stemmer (suffix stripping in the spirit of Porter's step 1): "recorded", "recording" and
 * "records" all become "record". It only has to map inflections of one word together, not be linguistics.
 */
export function stem(word: string): string {
  let stemmed = stems.get(word);
  if (stemmed === undefined) {
    // A call repeats its few thousand words many times over: remember them, within a bound.
    if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
    stemmed = stemUncached(word);
    stems.set(word, stemmed);
  }
  return stemmed;
}

const STEM_CACHE_LIMIT = 50_000;
const stems = new Map<string, string>();

function stemUncached(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const w = word.replace(/'s$/, '');
  for (const [suffix, minStem] of SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= minStem) {
      // "this", "bus", "class", "analysis" end in s without being plurals.
      if (suffix === 's' && /(ss|is|us)$/.test(w)) break;
      let base = w.slice(0, -suffix.length);
      if (suffix === 'ies' || suffix === 'ied') base += 'y';
      // "stopped" → "stopp" → "stop"; "calling" → "call" keeps its double l.
      if (/(bb|dd|gg|mm|nn|pp|rr|tt)$/.test(base)) base = base.slice(0, -1);
      if (suffix === 'es' && !/(ss|sh|ch|x|z|o)$/.test(base)) base = w.slice(0, -1);
      return base.endsWith('e') && base.length > 3 ? base.slice(0, -1) : base;
    }
  }
  return w.endsWith('e') && w.length > 4 ? w.slice(0, -1) : w;
}

/** Levenshtein distance over characters, giving up early once it exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      rowMin = Math.min(rowMin, current[j]);
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}

export const STOPWORDS = new Set(
  `a about above after again against all am an and any are aren't as at be because been before being below between
  both but by can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from
  further had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his
  how how's i i'd i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
  not of off on once only or other ought our ours ourselves out over own same shan't she she'd she'll she's should
  shouldn't so some such than that that's the their theirs them themselves then there there's these they they'd
  they'll they're they've this those through to too under until up very was wasn't we we'd we'll we're we've were
  weren't what what's when when's where where's which while who who's whom why why's with won't would wouldn't you
  you'd you'll you're you've your yours yourself yourselves yes yeah okay ok oh um uh hi hello please thank thanks
  just also will get got go going know like well sure really can let one two three four five six seven eight nine
  ten right now today anything something everything nothing else see say said tell told want need way much many
  may might must shall`
    .split(/\s+/)
    .filter(Boolean),
);
