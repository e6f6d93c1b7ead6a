import { readFileSync } from 'node:fs';
import { SentimentIntensityAnalyzer } from 'vader-sentiment';
import type { SpeakerRole, Transcript } from '../transcript';

export type SentimentLabel = 'POSITIVE' | 'NEUTRAL' | 'NEGATIVE';

export interface SentimentSummary {
  label: SentimentLabel;
  /** -1..1 */
  score: number;
  bySpeaker: { agent: number; customer: number };
  /** Mean score in the first, second and last third of the call. */
  trend: [number, number, number];
}

/**
 * Thresholds. One utterance uses VADER's own published cut-offs (compound ≥ 0.05 positive, ≤ -0.05 negative).
 * A whole call needs more: agents are polite by trade ("thank you", "happy to help"), which lifts the mean of any
 * ordinary call, so a call is POSITIVE from a mean of 0.25, and NEGATIVE from a mean of -0.15 or when the
 * customer's own mean is -0.35 or lower (an upset customer makes the call negative however courteous the agent).
 */
export const SENTENCE_THRESHOLDS = { positive: 0.05, negative: -0.05 } as const;
export const CALL_THRESHOLDS = { positive: 0.25, negative: -0.15, customerNegative: -0.35 } as const;

/**
 * VADER compound score of one utterance (-1..1). VADER handles negation ("not happy" is negative), intensifiers
 * ("very"), "but" shifts and punctuation/caps emphasis, and was built for short informal text like speech turns.
 */
export function scoreSentence(text: string): number {
  return mayCarrySentiment(text) ? SentimentIntensityAnalyzer.polarity_scores(text).compound : 0;
}

/**
 * VADER gives a non-zero score only through words of its lexicon, but it pays for every sentence (it builds a
 * table of each word with 34 punctuation variants first), and most utterances of a call ("can I have your account
 * number") hold no lexicon word at all. Those are answered here without VADER. The check is conservative: a token
 * counts when, lower-cased, it is a lexicon entry as it stands (emoticons, contractions) or once its punctuation is
 * removed, which covers every form VADER looks up.
 */
function mayCarrySentiment(text: string): boolean {
  for (const token of text.toLowerCase().split(/\s+/)) {
    if (token && (LEXICON_ENTRIES.has(token) || LEXICON_ENTRIES.has(token.replace(PUNCTUATION, ''))))
      return true;
  }
  return false;
}

/** The same characters VADER strips (its REGEX_REMOVE_PUNCTUATION: ASCII punctuation). */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** The entries of the lexicon file the package ships (the source of its built-in table; one entry per line). */
const LEXICON_ENTRIES: ReadonlySet<string> = new Set(
  readFileSync(require.resolve('vader-sentiment/vader_lexicon.txt'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t')[0])
    .filter(Boolean),
);

export function labelSentence(score: number): SentimentLabel {
  if (score >= SENTENCE_THRESHOLDS.positive) return 'POSITIVE';
  if (score <= SENTENCE_THRESHOLDS.negative) return 'NEGATIVE';
  return 'NEUTRAL';
}

export function labelCall(score: number, customerScore: number): SentimentLabel {
  if (score <= CALL_THRESHOLDS.negative || customerScore <= CALL_THRESHOLDS.customerNegative)
    return 'NEGATIVE';
  if (score >= CALL_THRESHOLDS.positive) return 'POSITIVE';
  return 'NEUTRAL';
}

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
const round = (value: number) => Math.round(value * 100) / 100;

/**
 * Per-call sentiment from per-utterance scores (`scores[i]` belongs to `transcript.sentences[i]`): the overall mean,
 * the mean per role, and the mean per third of the call (by utterance midpoint; 0 for a third nobody speaks in).
 */
export function summarizeSentiment(transcript: Transcript, scores: number[]): SentimentSummary {
  const roles = new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.role]));
  const byRole = (role: SpeakerRole) =>
    mean(scores.filter((_, i) => roles.get(transcript.sentences[i].speakerId) === role));
  const end = Math.max(transcript.duration, ...transcript.sentences.map((s) => s.endTime), 0);
  const thirds: number[][] = [[], [], []];
  transcript.sentences.forEach((sentence, i) => {
    const middle = (sentence.startTime + sentence.endTime) / 2;
    thirds[end > 0 ? Math.min(2, Math.floor((middle / end) * 3)) : 0].push(scores[i]);
  });
  const score = mean(scores);
  const customer = byRole('customer');
  return {
    label: labelCall(score, customer),
    score: round(score),
    bySpeaker: { agent: round(byRole('agent')), customer: round(customer) },
    trend: [round(mean(thirds[0])), round(mean(thirds[1])), round(mean(thirds[2]))],
  };
}
