import { Sentence } from '@app/transcription';
import { CallTruth } from '../support/corpus';

export const normalizeWords = (text: string): string[] =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9' ]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);

/** Share of the words one channel really said that the recogniser heard on that speaker's track. */
export function recall(truth: CallTruth, channel: 0 | 1, sentences: Sentence[], speakerId: string): number {
  const said = truth.utterances.filter((u) => u.channel === channel).flatMap((u) => normalizeWords(u.text));
  const heard = new Set(
    sentences.filter((s) => s.speakerId === speakerId).flatMap((s) => normalizeWords(s.text)),
  );
  return said.length === 0 ? 0 : said.filter((word) => heard.has(word)).length / said.length;
}
