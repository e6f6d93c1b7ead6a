import { RecognizedWord } from '../engines/transcription-engine';
import { Sentence } from './transcript.types';

export interface SentenceRules {
  /** A silence at least this long between two words ends a sentence. */
  pauseSeconds: number;
  /** A sentence longer than this is cut before the next word, pause or not. */
  maxSeconds: number;
  /** A sentence with this many words is cut too (a fast talker without pauses). */
  maxWords?: number;
}

export interface SpeakerWords {
  speakerId: string;
  words: readonly RecognizedWord[];
}

const DEFAULT_MAX_WORDS = 60;

/** Written abbreviations whose full stop does not end a sentence ("Mr. Smith", "9 a.m. tomorrow"). */
const ABBREVIATION = /^(mr|mrs|ms|dr|st|jr|sr|vs|etc|no|approx|dept|[a-z])\.$|^([a-z]\.){2,}$/i;

/**
 * A word that closes a written sentence: engines that punctuate (moonshine, openai) write "today?" or "refund.";
 * pocketsphinx writes no punctuation, so its sentences end at pauses only.
 */
export function endsSentence(text: string): boolean {
  const trimmed = text.trim().replace(/["')\]]+$/, '');
  return /[.?!]$/.test(trimmed) && !ABBREVIATION.test(trimmed);
}
const round = (value: number, digits: number) => Number(value.toFixed(digits));
// Engine times are decimals in binary floating point: 2.3 - 1.6 must count as a pause of 0.7.
const EPSILON = 1e-6;

/** One speaker's words as sentences, cut after a sentence's closing punctuation, at pauses and at the length limits. */
export function sentencesOf(
  speakerId: string,
  words: readonly RecognizedWord[],
  rules: SentenceRules,
): Sentence[] {
  const maxWords = rules.maxWords ?? DEFAULT_MAX_WORDS;
  const ordered = words.filter((word) => word.text.trim()).sort((a, b) => a.start - b.start);
  const sentences: Sentence[] = [];
  let current: RecognizedWord[] = [];
  const flush = () => {
    if (current.length === 0) return;
    const confidence = current.reduce((sum, word) => sum + word.confidence, 0) / current.length;
    sentences.push({
      speakerId,
      startTime: round(current[0].start, 3),
      endTime: round(Math.max(...current.map((word) => word.end)), 3),
      text: current.map((word) => word.text.trim()).join(' '),
      confidence: round(confidence, 3),
    });
    current = [];
  };
  for (const word of ordered) {
    const last = current[current.length - 1];
    if (
      last &&
      (endsSentence(last.text) ||
        word.start - last.end >= rules.pauseSeconds - EPSILON ||
        word.end - current[0].start > rules.maxSeconds ||
        current.length >= maxWords)
    )
      flush();
    current.push(word);
  }
  flush();
  return sentences;
}

/**
 * Sentences of every speaker (one speaker per channel, or one for a mono mix) merged into one conversation by
 * start time; at the same instant the earlier speaker in the list goes first, so the order is stable.
 */
export function buildSentences(tracks: readonly SpeakerWords[], rules: SentenceRules): Sentence[] {
  const order = new Map(tracks.map((track, index) => [track.speakerId, index]));
  return tracks
    .flatMap((track) => sentencesOf(track.speakerId, track.words, rules))
    .sort((a, b) => a.startTime - b.startTime || order.get(a.speakerId)! - order.get(b.speakerId)!);
}
