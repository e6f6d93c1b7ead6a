import { RecognizedWord } from '../transcription-engine';

export interface DecodedWord {
  text: string;
  /** 0..1 */
  confidence: number;
}

export interface TimedSpan {
  start: number;
  end: number;
}

/**
 * Rough spoken length of a written word, in syllables: vowel groups for words, one per digit for numbers
 * ("555" is said "five five five"), at least one. Only the proportions between the words of one segment matter.
 */
export function spokenWeight(word: string): number {
  const digits = word.replace(/[^0-9]/g, '').length;
  const letters = word.toLowerCase().replace(/[^a-z]/g, '');
  const syllables = letters.match(/[aeiouy]+/g)?.length ?? (letters ? 1 : 0);
  // "$40" and "3rd" mix both; symbols alone ("&") take a short beat.
  return Math.max(0.5, syllables + digits * 1.2) + 0.3;
}

/** Runs of voiced frames as time spans, merged across gaps shorter than `bridgeSeconds`. */
export function voicedSpans(
  voiced: readonly boolean[],
  segmentStart: number,
  frameSeconds: number,
  bridgeSeconds = 0.15,
): TimedSpan[] {
  const spans: TimedSpan[] = [];
  for (let index = 0; index < voiced.length; index++) {
    if (!voiced[index]) continue;
    const start = segmentStart + index * frameSeconds;
    const end = start + frameSeconds;
    const last = spans[spans.length - 1];
    if (last && start - last.end <= bridgeSeconds + 1e-9) last.end = end;
    else spans.push({ start, end });
  }
  return spans;
}

/**
 * Places a segment's words on its voiced time: the words follow each other in order, each taking a share of the
 * voiced time proportional to its spoken weight, and skipping the pauses between voiced spans. Moonshine gives no
 * word times; this keeps each word inside the speech it came from (within a word or two), which is what redaction
 * of a spoken number and subtitles need. Without voiced frames the whole span is used.
 */
export function placeWords(
  words: readonly DecodedWord[],
  spans: readonly TimedSpan[],
  whole: TimedSpan,
): RecognizedWord[] {
  if (words.length === 0) return [];
  const timeline = spans.length > 0 ? spans : [whole];
  const voicedTotal = timeline.reduce((sum, span) => sum + (span.end - span.start), 0);
  const weights = words.map((word) => spokenWeight(word.text));
  const weightTotal = weights.reduce((sum, weight) => sum + weight, 0);
  /** Maps a position along the voiced time (0..voicedTotal) to seconds on the track. */
  const at = (position: number): number => {
    let remaining = position;
    for (const span of timeline) {
      const length = span.end - span.start;
      if (remaining <= length + 1e-9) return span.start + Math.min(remaining, length);
      remaining -= length;
    }
    return timeline[timeline.length - 1].end;
  };
  /** Like `at`, but a position exactly at the end of a span starts in the next one (a word begins after a pause). */
  const startAt = (position: number): number => {
    let remaining = position;
    for (const span of timeline) {
      const length = span.end - span.start;
      if (remaining < length - 1e-9) return span.start + remaining;
      remaining -= length;
    }
    return timeline[timeline.length - 1].end;
  };
  const placed: RecognizedWord[] = [];
  let position = 0;
  for (const [index, word] of words.entries()) {
    const share = (weights[index] / weightTotal) * voicedTotal;
    const start = startAt(position);
    position += share;
    const end = Math.max(start, at(position));
    placed.push({ text: word.text, start: round(start), end: round(end), confidence: word.confidence });
  }
  return placed;
}

const round = (value: number) => Math.round(value * 1000) / 1000;
