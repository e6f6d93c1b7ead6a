import { RecognizedWord } from './transcription-engine';

/** The verbose_json answer of POST /v1/audio/transcriptions, as OpenAI and compatible servers send it. */
export interface VerboseTranscription {
  text?: string;
  language?: string;
  duration?: number;
  words?: Array<{ word?: string; start?: number; end?: number; probability?: number }>;
  segments?: Array<{ text?: string; start?: number; end?: number; avg_logprob?: number }>;
}

// Whisper answers with language names; Parley speaks ISO 639-1.
const LANGUAGE_CODES: Record<string, string> = {
  english: 'en',
  german: 'de',
  french: 'fr',
  spanish: 'es',
  italian: 'it',
  portuguese: 'pt',
  dutch: 'nl',
  polish: 'pl',
  russian: 'ru',
  ukrainian: 'uk',
  turkish: 'tr',
  swedish: 'sv',
  japanese: 'ja',
  chinese: 'zh',
  korean: 'ko',
  arabic: 'ar',
  hindi: 'hi',
};

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const clamp01 = (value: number) => Math.min(1, Math.max(0, value));
const round = (value: number, digits = 3) => Number(value.toFixed(digits));

/**
 * Words with timings from a verbose_json answer: its `words` when the server gives word timestamps, otherwise
 * each segment's text spread over the segment in proportion to word length. Confidence: the word's probability
 * when the server has one (faster-whisper), else its segment's exp(avg_logprob), else 1.
 */
export function wordsFromVerboseJson(body: VerboseTranscription): RecognizedWord[] {
  const segments = (body.segments ?? []).filter((s) => finite(s.start) && finite(s.end) && s.end >= s.start);
  const segmentConfidence = (time: number) => {
    const segment = segments.find((s) => time >= s.start! && time <= s.end!);
    return segment && finite(segment.avg_logprob) ? clamp01(Math.exp(segment.avg_logprob)) : 1;
  };
  const timedWords = (body.words ?? []).filter(
    (w) =>
      typeof w.word === 'string' && w.word.trim() && finite(w.start) && finite(w.end) && w.end >= w.start,
  );
  if (timedWords.length > 0)
    return timedWords.map((w) => ({
      text: w.word!.trim(),
      start: round(w.start!),
      end: round(w.end!),
      confidence: round(finite(w.probability) ? clamp01(w.probability) : segmentConfidence(w.start!), 4),
    }));
  if (segments.length === 0 && body.text?.trim() && finite(body.duration))
    segments.push({ text: body.text, start: 0, end: body.duration });
  return segments.flatMap((segment) => spread(segment.text ?? '', segment.start!, segment.end!, segment));
}

function spread(
  text: string,
  start: number,
  end: number,
  segment: { avg_logprob?: number },
): RecognizedWord[] {
  const tokens = text.split(/\s+/).filter(Boolean);
  const total = tokens.reduce((sum, token) => sum + token.length, 0);
  const confidence = finite(segment.avg_logprob) ? clamp01(Math.exp(segment.avg_logprob)) : 1;
  let cursor = start;
  return tokens.map((token) => {
    const length = ((end - start) * token.length) / total;
    const word = {
      text: token,
      start: round(cursor),
      end: round(cursor + length),
      confidence: round(confidence, 4),
    };
    cursor += length;
    return word;
  });
}

/** The language to report: the one asked for, else the server's detection as an ISO 639-1 code. */
export function languageOf(body: VerboseTranscription, requested: string | undefined): string {
  if (requested) return requested;
  const detected = (body.language ?? '').trim().toLowerCase();
  return LANGUAGE_CODES[detected] ?? (detected || 'und');
}
