import { Sentence } from '@app/transcription';
import { CallTruth } from '../support/corpus';

/** Spellings a recogniser writes short for what the script spells out. */
const SPELLED_OUT: Record<string, string> = { dr: 'doctor', ok: 'okay', mr: 'mister', mrs: 'missus' };
const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Words for comparing with a script: lower case, no punctuation, and digits read out one by one as scripts spell them ("206" → "two zero six"). */
export const normalizeWords = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/\d/g, (digit) => ` ${DIGIT_WORDS[Number(digit)]} `)
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => SPELLED_OUT[word] ?? word);

/** Share of the words one channel really said that the recogniser heard on that speaker's track. */
export function recall(truth: CallTruth, channel: 0 | 1, sentences: Sentence[], speakerId: string): number {
  const said = truth.utterances.filter((u) => u.channel === channel).flatMap((u) => normalizeWords(u.text));
  const heard = new Set(
    sentences.filter((s) => s.speakerId === speakerId).flatMap((s) => normalizeWords(s.text)),
  );
  return said.length === 0 ? 0 : said.filter((word) => heard.has(word)).length / said.length;
}
