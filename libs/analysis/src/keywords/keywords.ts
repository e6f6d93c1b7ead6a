import { STOPWORDS, stem, tokenize } from '../text/tokens';
import type { Transcript } from '../transcript';

export interface KeywordMention {
  keyword: string;
  /** First time it was said. */
  startTime: number;
}

export interface KeywordOptions {
  /** Most keywords returned. */
  limit?: number;
  /** Terms the organisation tracks (products, competitors): reported whenever they are said, even once. */
  tracked?: string[];
}

const PLACEHOLDER = /\[[A-Z_]+\]/g;

interface Term {
  display: string;
  count: number;
  firstTime: number;
  words: number;
}

/**
 * The call's keywords: content words and two-word phrases said at least twice (stop words, fillers and numbers
 * left out), most frequent first with phrases ahead of single words, plus every tracked term that was said.
 * Returns each with the time it was first said (for bookmarks). Reads the texts given (pass redacted ones).
 */
export function extractKeywords(
  transcript: Transcript,
  texts: string[] = transcript.sentences.map((s) => s.text),
  options: KeywordOptions = {},
): KeywordMention[] {
  const limit = options.limit ?? 8;
  const terms = new Map<string, Term>();
  const count = (key: string, display: string, time: number, size: number) => {
    const term = terms.get(key);
    if (term) {
      term.count++;
      term.firstTime = Math.min(term.firstTime, time);
    } else terms.set(key, { display, count: 1, firstTime: time, words: size });
  };
  const isContent = (word: string) => word.length > 2 && !STOPWORDS.has(word) && !/\d/.test(word);

  const streams = texts.map((text, i) => {
    const tokens = tokenize(text.replace(PLACEHOLDER, ' , '));
    return { tokens, stems: tokens.map((t) => stem(t.norm)), time: transcript.sentences[i].startTime };
  });
  for (const { tokens, stems, time } of streams) {
    for (let i = 0; i < tokens.length; i++) {
      if (!isContent(tokens[i].norm)) continue;
      count(stems[i], tokens[i].norm, time, 1);
      if (i + 1 < tokens.length && isContent(tokens[i + 1].norm))
        count(`${stems[i]} ${stems[i + 1]}`, `${tokens[i].norm} ${tokens[i + 1].norm}`, time, 2);
    }
  }

  const frequent = [...terms.values()]
    .filter((term) => term.count >= 2)
    .sort(
      (a, b) =>
        b.count * (1 + 0.5 * (b.words - 1)) - a.count * (1 + 0.5 * (a.words - 1)) ||
        a.firstTime - b.firstTime,
    );
  // A phrase said as often as its words makes the words redundant ("double charge" over "charge").
  const chosen: Term[] = [];
  for (const term of frequent) {
    if (chosen.length >= limit) break;
    if (
      chosen.some(
        (c) => c.words === 2 && c.display.split(' ').includes(term.display) && c.count >= term.count,
      )
    )
      continue;
    chosen.push(term);
  }

  const mentions = chosen.map((term) => ({ keyword: term.display, startTime: term.firstTime }));
  for (const tracked of options.tracked ?? []) {
    const key = tokenize(tracked)
      .map((t) => stem(t.norm))
      .join(' ');
    const term = terms.get(key);
    if (term && !mentions.some((m) => m.keyword === term.display))
      mentions.push({ keyword: tracked.toLowerCase(), startTime: term.firstTime });
  }
  return mentions;
}
