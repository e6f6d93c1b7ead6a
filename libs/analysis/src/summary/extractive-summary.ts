import { STOPWORDS, stem, words } from '../text/tokens';
import type { Transcript } from '../transcript';

export interface SummaryOptions {
  /** How many sentences the summary keeps. */
  maxSentences?: number;
  /** Longest sentence quoted, in words; longer ones (unpunctuated ASR turns) are cut with an ellipsis. */
  maxWords?: number;
}

/** Words that mark what a service call is about and how it ended: the reason for calling and the outcome. */
const CUE_STEMS = new Set(
  `problem issue error wrong broken charg refund cancel complain fail crash down outag lost damag
  resolv fix issu replac send book schedul confirm claim pay payment order deliver bill account transfer escalat
  approv offer pric quot proposal renew upgrad return`
    .split(/\s+/)
    .filter(Boolean),
);

const CUE_LIST = [...CUE_STEMS];
const isCue = (s: string) => CUE_STEMS.has(s) || CUE_LIST.some((cue) => s.startsWith(cue));

interface Candidate {
  index: number;
  order: number;
  role: string;
  text: string;
  stems: string[];
  score: number;
}

const contentStems = (text: string) =>
  words(text)
    .filter((word) => !STOPWORDS.has(word) && word.length > 2 && !/^\d+$/.test(word))
    .map(stem);

/**
 * An extractive summary: the few sentences that carry the call. Each sentence is scored by how central its words
 * are to the whole conversation (term frequency across the call), with a bonus for problem/outcome words and for
 * the customer's first substantial statement (usually the reason for the call), then the best are quoted in call
 * order with who said them. Reads the texts it is given (pass redacted ones so no PII reaches the summary).
 */
export function extractiveSummary(
  transcript: Transcript,
  texts: string[] = transcript.sentences.map((s) => s.text),
  options: SummaryOptions = {},
): string {
  const maxSentences = options.maxSentences ?? 3;
  const maxWords = options.maxWords ?? 40;
  const roles = new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.role]));
  const order = transcript.sentences
    .map((_, i) => i)
    .sort((a, b) => transcript.sentences[a].startTime - transcript.sentences[b].startTime || a - b);

  const candidates: Candidate[] = [];
  for (const index of order) {
    const role = roles.get(transcript.sentences[index].speakerId) ?? 'unknown';
    for (const piece of texts[index].split(/(?<=[.!?])\s+/)) {
      const text = piece.trim();
      const stems = contentStems(text);
      if (words(text).length < 5 || stems.length < 2) continue;
      candidates.push({ index, order: candidates.length, role, text, stems, score: 0 });
    }
  }
  if (candidates.length === 0) return '';

  const frequency = new Map<string, number>();
  for (const candidate of candidates)
    for (const s of new Set(candidate.stems)) frequency.set(s, (frequency.get(s) ?? 0) + 1);
  const firstCustomer = candidates.find((c) => c.role === 'customer');
  for (const candidate of candidates) {
    const unique = [...new Set(candidate.stems)];
    const centrality = unique.reduce((sum, s) => sum + (frequency.get(s) ?? 0), 0) / Math.sqrt(unique.length);
    const cues = unique.filter(isCue).length;
    candidate.score = centrality + 1.5 * cues + (candidate === firstCustomer ? 2 : 0);
  }

  const chosen = [...candidates]
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, maxSentences)
    .sort((a, b) => a.order - b.order);
  return chosen
    .map((c) => {
      const tokens = c.text.split(/\s+/);
      const text = tokens.length > maxWords ? `${tokens.slice(0, maxWords).join(' ')}…` : c.text;
      const who = c.role === 'agent' ? 'Agent' : c.role === 'customer' ? 'Customer' : 'Speaker';
      return `${who}: ${text}`;
    })
    .join(' ');
}
