import { tokenize } from '../text/tokens';
import type { SpeakerRole, Transcript, TranscriptSentence } from '../transcript';
import { measureVocabulary } from './vocabulary';

/**
 * The version of the metric definitions (docs/metrics.md) an analysis was computed with; raised whenever a
 * definition changes, so numbers from different definitions are never compared unknowingly.
 */
export const METRIC_DEFINITIONS_VERSION = 2;

/** The `metrics` object of api.md "Analyses". Times in seconds, shares 0..1. Defined in docs/metrics.md. */
export interface ConversationMetrics {
  conversationTime: number;
  agentTalkTime: number;
  customerTalkTime: number;
  silenceTime: number;
  agentTalkShare: number;
  agentQuestions: number;
  customerQuestions: number;
  exchanges: number;
  interruptions: number;
  agentWordsPerMinute: number;
  agentFillerWords: number;
  longestMonologue: number;
  longestCustomerStory: number;
  interactivity: number;
  agentWordCount: number;
  agentUniqueWords: number;
  agentFillerWordsPerMinute: number;
  /** The agent's turns (a turn: consecutive utterances of one speaker). */
  agentExchanges: number;
  agentExchangesWithQuestion: number;
  /** Share of the agent's turns that ask a question. */
  agentControl: number;
  /** Share of the agent's distinct words outside the 3,000 most frequent; null with too few words to tell. */
  agentVocabularyScore: number | null;
  /** CEFR level (A1-C2) of the agent's vocabulary; null with too few words to tell. */
  agentVocabularyLevel: string | null;
}

/** The numeric metrics: what a scorecard criterion or an alert condition may compare. */
export type MetricName = Exclude<keyof ConversationMetrics, 'agentVocabularyLevel'>;
export const METRIC_NAMES = [
  'conversationTime',
  'agentTalkTime',
  'customerTalkTime',
  'silenceTime',
  'agentTalkShare',
  'agentQuestions',
  'customerQuestions',
  'exchanges',
  'interruptions',
  'agentWordsPerMinute',
  'agentFillerWords',
  'longestMonologue',
  'longestCustomerStory',
  'interactivity',
  'agentWordCount',
  'agentUniqueWords',
  'agentFillerWordsPerMinute',
  'agentExchanges',
  'agentExchangesWithQuestion',
  'agentControl',
  'agentVocabularyScore',
] as const satisfies readonly MetricName[];

export interface MetricsOptions {
  /** A speaker starting while the other talks counts as an interruption when they overlap at least this long. */
  interruptionMinOverlap?: number;
}

/** Speaker changes per minute at which interactivity reaches 1 (a brisk back-and-forth). */
export const INTERACTIVITY_FULL_EXCHANGES_PER_MINUTE = 6;
export const DEFAULT_INTERRUPTION_MIN_OVERLAP = 0.5;
/** A pause longer than this ends a monologue even if the same side speaks next (they stopped talking). */
export const MONOLOGUE_MAX_PAUSE = 5;

type Interval = [number, number];

/** Total length of the union of intervals: overlapping speech is counted once. */
export function unionLength(intervals: Interval[]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let [curStart, curEnd] = [-Infinity, -Infinity];
  for (const [start, end] of sorted) {
    if (start > curEnd) {
      if (curEnd > curStart) total += curEnd - curStart;
      [curStart, curEnd] = [start, end];
    } else curEnd = Math.max(curEnd, end);
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

const QUESTION_OPENERS = new Set(
  `what what's whats how how's why when where where's who who's whom whose which can could would will do does did
  is are was were may might should shall have has had isn't aren't don't doesn't didn't won't wouldn't couldn't
  can't shouldn't`.split(/\s+/),
);

/**
 * Questions in one utterance: its question marks when the transcript is punctuated, otherwise (ASR output without
 * punctuation) 1 when the utterance opens with a question word ("can you", "what is", "is there").
 */
export function countQuestions(text: string, punctuated: boolean): number {
  if (punctuated) return (text.match(/\?+/g) ?? []).length;
  const first = tokenize(text)[0]?.norm;
  return first !== undefined && QUESTION_OPENERS.has(first) ? 1 : 0;
}

const FILLER_PHRASES = ['you know', 'i mean', 'sort of', 'kind of'];
const FILLER_WORDS = new Set([
  'um',
  'umm',
  'uh',
  'uhh',
  'er',
  'erm',
  'ah',
  'hmm',
  'basically',
  'actually',
  'literally',
]);
// "like" is a verb or a preposition after these ("I would like", "looks like", "something like that").
const LIKE_NOT_FILLER_AFTER = new Set(
  `i you we they he she would i'd you'd we'd they'd 'd don't doesn't didn't do does did look looks looked sound
  sounds sounded feel feels felt seem seems something anything nothing just more much exactly not really also
  people who that which`.split(/\s+/),
);
// "what kind of plan", "a sort of tool": a real noun phrase, not a hedge.
const KIND_OF_NOT_FILLER_AFTER = new Set(
  'a an the this that these those what which any some every one same other each no all your my our their his her'.split(
    ' ',
  ),
);

/** Filler words and phrases in one utterance; "like", "kind of" and "sort of" only where they are hedges. */
export function countFillers(text: string): number {
  const tokens = tokenize(text);
  let count = 0;
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i].norm;
    const previous = tokens[i - 1]?.norm;
    const pair = i + 1 < tokens.length ? `${word} ${tokens[i + 1].norm}` : '';
    if (FILLER_WORDS.has(word)) count++;
    else if (word === 'like') {
      const commaBefore = i > 0 && /[,;]/.test(text.slice(tokens[i - 1].end, tokens[i].start));
      const commaAfter = /^[,;]/.test(text.slice(tokens[i].end));
      if (commaBefore || commaAfter || (previous !== undefined && !LIKE_NOT_FILLER_AFTER.has(previous)))
        count++;
    } else if (FILLER_PHRASES.includes(pair)) {
      if (
        (word === 'kind' || word === 'sort') &&
        previous !== undefined &&
        KIND_OF_NOT_FILLER_AFTER.has(previous)
      )
        continue;
      // "you know what I mean?" is still one filler; "do you know" is a question.
      if (word === 'you' && (previous === 'do' || previous === 'did' || previous === 'would')) continue;
      count++;
      i++;
    }
  }
  return count;
}

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Longest stretch where one role holds the floor: consecutive utterances until the other side speaks or a pause
 * longer than MONOLOGUE_MAX_PAUSE.
 */
function longestRun(
  sentences: TranscriptSentence[],
  roleOf: (s: TranscriptSentence) => SpeakerRole,
  role: SpeakerRole,
) {
  let longest = 0;
  let runStart: number | null = null;
  let runEnd = 0;
  for (const sentence of sentences) {
    if (roleOf(sentence) === role) {
      if (runStart === null || sentence.startTime - runEnd > MONOLOGUE_MAX_PAUSE)
        runStart = sentence.startTime;
      runEnd = Math.max(runEnd, sentence.endTime);
      longest = Math.max(longest, runEnd - runStart);
    } else if (roleOf(sentence) !== 'unknown') runStart = null;
  }
  return longest;
}

/** Computes every metric of api.md from timed utterances. Pure; O(n log n) in the number of utterances. */
export function computeMetrics(transcript: Transcript, options: MetricsOptions = {}): ConversationMetrics {
  const minOverlap = options.interruptionMinOverlap ?? DEFAULT_INTERRUPTION_MIN_OVERLAP;
  const roles = new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.role]));
  const roleOf = (sentence: TranscriptSentence): SpeakerRole => roles.get(sentence.speakerId) ?? 'unknown';
  const sentences = transcript.sentences
    .filter((s) => s.endTime >= s.startTime)
    .slice()
    .sort((a, b) => a.startTime - b.startTime || a.endTime - b.endTime);
  const intervalsOf = (role: SpeakerRole | null): Interval[] =>
    sentences.filter((s) => role === null || roleOf(s) === role).map((s) => [s.startTime, s.endTime]);

  const lastEnd = sentences.reduce((max, s) => Math.max(max, s.endTime), 0);
  const conversationTime = Math.max(transcript.duration, lastEnd);
  const agentTalkTime = unionLength(intervalsOf('agent'));
  const customerTalkTime = unionLength(intervalsOf('customer'));
  const speechTime = unionLength(intervalsOf(null));
  const punctuated = sentences.some((s) => /[.?!,]/.test(s.text));

  let agentQuestions = 0;
  let customerQuestions = 0;
  let agentWords = 0;
  let agentFillerWords = 0;
  let exchanges = 0;
  let interruptions = 0;
  let agentExchanges = 0;
  let agentExchangesWithQuestion = 0;
  let questionInThisTurn = false;
  const agentVocabulary = new Set<string>();
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i];
    const role = roleOf(sentence);
    const questions = countQuestions(sentence.text, punctuated);
    const newTurn = i === 0 || sentences[i - 1].speakerId !== sentence.speakerId;
    if (role === 'agent') {
      agentQuestions += questions;
      const tokens = tokenize(sentence.text);
      agentWords += tokens.length;
      for (const token of tokens) agentVocabulary.add(token.norm);
      agentFillerWords += countFillers(sentence.text);
      if (newTurn) {
        agentExchanges++;
        questionInThisTurn = false;
      }
      if (questions > 0 && !questionInThisTurn) {
        agentExchangesWithQuestion++;
        questionInThisTurn = true;
      }
    } else if (role === 'customer') customerQuestions += questions;
    if (i > 0 && newTurn) exchanges++;
    // Sorted by start: only earlier utterances can be under way when this one starts.
    for (let j = i - 1; j >= 0 && sentence.startTime - sentences[j].startTime < 600; j--) {
      const other = sentences[j];
      if (other.speakerId === sentence.speakerId || other.endTime <= sentence.startTime) continue;
      if (Math.min(other.endTime, sentence.endTime) - sentence.startTime >= minOverlap) {
        interruptions++;
        break;
      }
    }
  }

  const exchangesPerMinute = conversationTime > 0 ? exchanges / (conversationTime / 60) : 0;
  const agentMinutes = agentTalkTime / 60;
  const vocabulary = measureVocabulary(agentVocabulary);
  return {
    conversationTime: round(conversationTime),
    agentTalkTime: round(agentTalkTime),
    customerTalkTime: round(customerTalkTime),
    silenceTime: round(Math.max(0, conversationTime - speechTime)),
    agentTalkShare:
      agentTalkTime + customerTalkTime > 0 ? round(agentTalkTime / (agentTalkTime + customerTalkTime)) : 0,
    agentQuestions,
    customerQuestions,
    exchanges,
    interruptions,
    agentWordsPerMinute: agentTalkTime > 0 ? Math.round(agentWords / (agentTalkTime / 60)) : 0,
    agentFillerWords,
    longestMonologue: round(longestRun(sentences, roleOf, 'agent')),
    longestCustomerStory: round(longestRun(sentences, roleOf, 'customer')),
    interactivity: round(Math.min(1, exchangesPerMinute / INTERACTIVITY_FULL_EXCHANGES_PER_MINUTE)),
    agentWordCount: agentWords,
    agentUniqueWords: agentVocabulary.size,
    agentFillerWordsPerMinute: agentMinutes > 0 ? round(agentFillerWords / agentMinutes, 1) : 0,
    agentExchanges,
    agentExchangesWithQuestion,
    agentControl: agentExchanges > 0 ? round(agentExchangesWithQuestion / agentExchanges) : 0,
    agentVocabularyScore: vocabulary.score,
    agentVocabularyLevel: vocabulary.level,
  };
}
