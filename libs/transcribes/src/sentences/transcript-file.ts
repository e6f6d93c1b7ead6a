import { validationFailed } from '@app/core';
import { checkUtterances, Utterance, UtteranceLimits } from './utterances';

/** A cue of a subtitle file: an utterance that also knows when it ends. */
export interface TimedUtterance extends Utterance {
  endTime?: number;
}

export type TranscriptFileFormat = 'vtt' | 'srt' | 'json';

/** Author of a cue that names none (no `<v Name>` tag, no `Name:` prefix). */
export const UNNAMED_AUTHOR = 'Speaker';

const TIMING =
  /^\s*((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3})(?:\s.*)?$/;
const VOICE = /^<v(?:\.[\w.-]+)?\s+([^>]+)>/i;
/** "Agent: text" — a short name before a colon, not a clock time or a URL. */
const NAME_PREFIX = /^([\p{L}][\p{L}\p{N} .'_-]{0,39}):\s+(.+)$/u;

/** `01:02:03.450`, `02:03,450` → seconds. */
export function parseCueTime(value: string): number {
  const [clock, fraction] = value.split(/[.,]/);
  const parts = clock.split(':').map(Number);
  const seconds = parts.reduce((total, part) => total * 60 + part, 0);
  return Math.round((seconds + Number(`0.${fraction}`)) * 1000) / 1000;
}

export function detectTranscriptFormat(text: string): TranscriptFileFormat {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('WEBVTT')) return 'vtt';
  if (start.startsWith('[') || start.startsWith('{')) return 'json';
  return 'srt';
}

/**
 * A transcript supplied with a call or an import: WebVTT, SRT or JSON utterances (`[{ timestamp, author, text }]`
 * or `{ contents: [...] }`), as utterances in time order. Speakers come from VTT voice tags or a `Name:` prefix.
 * Anything unreadable is a 400 naming `transcript` (and the cue or entry).
 */
export function parseTranscriptFile(
  text: string,
  limits: UtteranceLimits,
  field = 'transcript',
): TimedUtterance[] {
  if (text.includes('\u0000'))
    throw validationFailed(`${field} must not contain a NUL character`, [
      { field, message: 'NUL character' },
    ]);
  const format = detectTranscriptFormat(text);
  const utterances = format === 'json' ? parseJson(text, limits, field) : parseCues(text, format, field);
  if (utterances.length > limits.maxEntries)
    throw validationFailed(`${field} may hold at most ${limits.maxEntries} entries`, [
      { field, message: `at most ${limits.maxEntries} entries` },
    ]);
  if (format !== 'json') {
    const problems = checkUtterances(
      utterances.map(({ timestamp, author, text: line }) => ({ timestamp, author, text: line })),
      limits,
      field,
    );
    if (problems.length > 0) throw validationFailed(problems[0].message, problems);
  }
  return utterances;
}

function parseJson(text: string, limits: UtteranceLimits, field: string): TimedUtterance[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw validationFailed(`${field} is not valid JSON`, [{ field, message: 'not valid JSON' }]);
  }
  const contents =
    typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as { contents?: unknown }).contents
      : parsed;
  const problems = checkUtterances(contents, limits, field);
  if (problems.length > 0) throw validationFailed(problems[0].message, problems);
  return (contents as Utterance[]).map(({ timestamp, author, text: line }) => ({
    timestamp,
    author: author.trim(),
    text: line.trim(),
  }));
}

function parseCues(text: string, format: 'vtt' | 'srt', field: string): TimedUtterance[] {
  const blocks = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/);
  const utterances: TimedUtterance[] = [];
  blocks.forEach((block, index) => {
    const lines = block.split('\n').filter((line) => line.trim() !== '');
    const timingAt = lines.findIndex((line) => TIMING.test(line));
    if (timingAt < 0) {
      // VTT header, NOTE, STYLE and REGION blocks carry no cue; in SRT every block must be a cue.
      if (format === 'srt' && lines.length > 0)
        throw validationFailed(`${field} block ${index + 1} has no "start --> end" timing line`, [
          { field: `${field}[${index}]`, message: 'no timing line' },
        ]);
      return;
    }
    const [, start, end] = TIMING.exec(lines[timingAt])!;
    const cue = lines
      .slice(timingAt + 1)
      .join(' ')
      .trim();
    if (cue === '') return;
    utterances.push({ ...speakerOf(cue), timestamp: parseCueTime(start), endTime: parseCueTime(end) });
  });
  // Subtitle files are usually in order; a file that is not would otherwise fail the "not decreasing" rule.
  return utterances.sort((a, b) => a.timestamp - b.timestamp);
}

function speakerOf(cue: string): { author: string; text: string } {
  const voice = VOICE.exec(cue);
  const stripped = (value: string) =>
    value
      .replace(/<[^>]*>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/\s+/g, ' ')
      .trim();
  if (voice) return { author: voice[1].trim(), text: stripped(cue.slice(voice[0].length)) };
  const plain = stripped(cue);
  const named = NAME_PREFIX.exec(plain);
  if (named) return { author: named[1].trim(), text: named[2].trim() };
  return { author: UNNAMED_AUTHOR, text: plain };
}
