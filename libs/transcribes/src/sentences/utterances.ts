import { ErrorDetail } from '@app/core';
import type { Sentence, Speaker, SpeakerRole, TranscriptionResult } from '@app/transcription';

/** One line of a typed conversation: who said what, at which second from the start. */
export interface Utterance {
  timestamp: number;
  author: string;
  text: string;
}

export interface UtteranceLimits {
  maxEntries: number;
  maxTextChars: number;
  maxAuthorChars: number;
}

const ENTRY_KEYS = new Set(['timestamp', 'author', 'text']);
/** Enough to fix a bad import in one round trip without an unbounded error body. */
const MAX_DETAILS = 20;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks `contents` entry by entry and names each bad one by its index (`contents[3].timestamp`), so a caller
 * importing hundreds of lines can find the one to fix. Returns the problems (empty when the contents are good).
 */
export function checkUtterances(
  contents: unknown,
  limits: UtteranceLimits,
  field = 'contents',
): ErrorDetail[] {
  if (!Array.isArray(contents)) return [{ field, message: `${field} must be an array` }];
  if (contents.length > limits.maxEntries)
    return [{ field, message: `${field} may hold at most ${limits.maxEntries} entries` }];
  const problems: ErrorDetail[] = [];
  let previous: number | undefined;
  contents.forEach((entry: unknown, index) => {
    const at = `${field}[${index}]`;
    if (!isPlainObject(entry)) {
      problems.push({ field: at, message: `${at} must be an object with timestamp, author and text` });
      return;
    }
    for (const key of Object.keys(entry))
      if (!ENTRY_KEYS.has(key))
        problems.push({ field: `${at}.${key}`, message: `${at}.${key} is not allowed` });
    const { timestamp, author, text } = entry;
    if (typeof timestamp !== 'number' || !Number.isFinite(timestamp) || timestamp < 0)
      problems.push({ field: `${at}.timestamp`, message: `${at}.timestamp must be a number of seconds ≥ 0` });
    else {
      if (previous !== undefined && timestamp < previous)
        problems.push({
          field: `${at}.timestamp`,
          message: `${at}.timestamp must not be earlier than the entry before it (${previous})`,
        });
      previous = timestamp;
    }
    checkText(problems, `${at}.author`, author, limits.maxAuthorChars);
    checkText(problems, `${at}.text`, text, limits.maxTextChars);
  });
  return problems.slice(0, MAX_DETAILS);
}

function checkText(problems: ErrorDetail[], field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim() === '')
    problems.push({ field, message: `${field} must be a non-empty string` });
  else if (value.length > max)
    problems.push({ field, message: `${field} must be at most ${max} characters` });
}

export interface SpeakerLabels {
  agent: string[];
  customer: string[];
}

/** A comma-separated setting ("agent,rep") as lower-case labels. */
export const parseLabels = (setting: string): string[] =>
  setting
    .split(',')
    .map((label) => label.trim().toLowerCase())
    .filter((label) => label !== '');

/** Roles only from the configured labels: a guess from anything else (names, "Me") would mislabel metrics. */
export function roleOfAuthor(author: string, labels: SpeakerLabels): SpeakerRole {
  const label = author.trim().toLowerCase();
  if (labels.agent.includes(label)) return 'agent';
  if (labels.customer.includes(label)) return 'customer';
  return 'unknown';
}

/** Typical conversational pace, used to estimate how long the last line (or a line with no gap) lasted. */
export const SPOKEN_WORDS_PER_SECOND = 2.5;

export const estimatedSeconds = (text: string): number => {
  const words = text.trim().split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round((words / SPOKEN_WORDS_PER_SECOND) * 100) / 100);
};

/**
 * The transcript the analysis reads: one speaker per distinct author (in order of first appearance), one sentence
 * per utterance. A sentence ends at its own end time when it has one (a subtitle cue), else where the next one
 * starts; the last (or one followed by a line at the same second) ends after an estimate from its word count.
 * Typed text is certain: confidence 1.
 */
export function transcriptFromUtterances(
  utterances: Array<Utterance & { endTime?: number }>,
  labels: SpeakerLabels,
  language: string,
): TranscriptionResult {
  const speakers: Speaker[] = [];
  const speakerIdOf = new Map<string, string>();
  const sentences: Sentence[] = utterances.map((utterance, index) => {
    const author = utterance.author.trim();
    let speakerId = speakerIdOf.get(author);
    if (!speakerId) {
      speakerId = `spk_${speakers.length}`;
      speakerIdOf.set(author, speakerId);
      speakers.push({ speakerId, speakerLabel: author, role: roleOfAuthor(author, labels) });
    }
    const next = utterances[index + 1];
    const endTime =
      utterance.endTime !== undefined && utterance.endTime > utterance.timestamp
        ? utterance.endTime
        : next && next.timestamp > utterance.timestamp
          ? next.timestamp
          : utterance.timestamp + estimatedSeconds(utterance.text);
    return { speakerId, startTime: utterance.timestamp, endTime, text: utterance.text.trim(), confidence: 1 };
  });
  const duration = sentences.reduce((longest, sentence) => Math.max(longest, sentence.endTime), 0);
  return { engine: 'none', language, speakers, sentences, duration };
}
