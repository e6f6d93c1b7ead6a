import { tokenize, type Token } from '../text/tokens';
import type { Transcript } from '../transcript';
import { findDigitRuns, luhnValid, withoutLeadingWeakDigit, type DigitRun } from './spoken-numbers';

export const PII_TYPES = ['PHONE_NUMBER', 'EMAIL', 'CREDIT_CARD', 'SSN'] as const;
export type PiiType = (typeof PII_TYPES)[number];

/** Where in the call a piece of PII was said (seconds); what the redacted audio silences. */
export interface PiiSpan {
  type: PiiType;
  startTime: number;
  endTime: number;
}

export interface PiiDetection {
  spans: PiiSpan[];
  /** Each sentence's text with its PII replaced by `[TYPE]`, in input order. */
  redactedTexts: string[];
}

/** Utterances of one speaker this close together are read as one stream: ASR splits digit groups at pauses. */
export const PII_JOIN_GAP_SECONDS = 2;

const TLDS = new Set(
  'com org net edu gov mil int io co uk us ca au de fr es it nl be ch at se no dk fi ie nz in jp info biz me ai app dev tv eu'.split(
    ' ',
  ),
);
// A Map, not an object literal: a word like "constructor" must not look like a joiner.
const EMAIL_JOINERS = new Map([
  ['dot', '.'],
  ['period', '.'],
  ['point', '.'],
  ['underscore', '_'],
  ['dash', '-'],
  ['hyphen', '-'],
]);
const WRITTEN_EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const CARD_CONTEXT = /\b(card|visa|mastercard|master card|amex|american express|credit|debit|discover)\b/i;
const SSN_CONTEXT = /\b(social security|social|ssn|s s n)\b/i;
const PHONE_CONTEXT = /\b(phone|number|call me|call you|reach me|reach you|mobile|cell|telephone|contact)\b/i;

interface Finding {
  type: PiiType;
  first: number;
  last: number;
}

/** What a run of digits is, from its length, checksum, grouping and the words around it; null if none. */
export function classifyDigits(run: Pick<DigitRun, 'digits' | 'pieces'>, context: string): PiiType | null {
  const { digits } = run;
  const length = digits.length;
  const groups = run.pieces.flatMap((piece) => piece.groups ?? []);
  if (length >= 13 && length <= 19 && luhnValid(digits)) return 'CREDIT_CARD';
  if (length === 9 && (SSN_CONTEXT.test(context) || groups.join('-') === '3-2-4')) return 'SSN';
  if (length === 7 || length === 10 || (length === 11 && digits.startsWith('1'))) return 'PHONE_NUMBER';
  // Misheard digits break the checksum or the length; the conversation still says what was being read out.
  if (length >= 12 && length <= 19 && CARD_CONTEXT.test(context)) return 'CREDIT_CARD';
  if (length >= 8 && length <= 10 && SSN_CONTEXT.test(context)) return 'SSN';
  if (length >= 7 && length <= 13 && PHONE_CONTEXT.test(context)) return 'PHONE_NUMBER';
  return null;
}

/** Spoken addresses: "jane dot doe at example dot com", also half-written ("jane.doe at example.com"). */
function findSpokenEmails(words: string[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const isWord = (w: string | undefined) => w !== undefined && /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(w);
  for (let at = 1; at < words.length - 1; at++) {
    if (words[at] !== 'at') continue;
    if (!isWord(words[at - 1])) continue;
    let first = at - 1;
    while (first >= 2 && EMAIL_JOINERS.has(words[first - 1]) && isWord(words[first - 2])) first -= 2;
    let last = at + 1;
    if (!isWord(words[last])) continue;
    while (last + 2 < words.length && EMAIL_JOINERS.get(words[last + 1]) === '.' && isWord(words[last + 2]))
      last += 2;
    const domain = words.slice(at + 1, last + 1).join(' ');
    const tld = words[last].includes('.') ? words[last].split('.').pop() : words[last];
    const hasDot = last > at + 1 || words[last].includes('.');
    if (hasDot && tld && TLDS.has(tld) && domain.length > 0) found.push([first, last]);
  }
  return found;
}

/** Sentence indices in time order, grouped into streams of one speaker without long pauses. */
function streamsOf(transcript: Transcript): number[][] {
  const order = transcript.sentences
    .map((_, i) => i)
    .sort((a, b) => transcript.sentences[a].startTime - transcript.sentences[b].startTime || a - b);
  const streams: number[][] = [];
  for (const i of order) {
    const current = streams[streams.length - 1];
    const previous = current && transcript.sentences[current[current.length - 1]];
    const sentence = transcript.sentences[i];
    if (
      previous &&
      previous.speakerId === sentence.speakerId &&
      sentence.startTime - previous.endTime <= PII_JOIN_GAP_SECONDS
    )
      current.push(i);
    else streams.push([i]);
  }
  return streams;
}

/** Seconds into the call of a character offset, assuming an even speaking rate across the utterance. */
function timeAt(transcript: Transcript, sentence: number, offset: number): number {
  const { startTime, endTime, text } = transcript.sentences[sentence];
  return startTime + (text.length > 0 ? (offset / text.length) * (endTime - startTime) : 0);
}

/**
 * Finds phone numbers, email addresses, payment card numbers and US social security numbers, written or spoken,
 * and returns their time spans plus a redacted copy of each sentence. Times inside an utterance are estimated from
 * character position (transcripts carry no word times), widened by `padding` seconds and kept inside the utterance
 * so the redacted audio errs on the side of silencing a little more.
 */
export function detectPii(
  transcript: Transcript,
  padding = 0.3,
  tokensOf: (sentence: number) => Token[] = (sentence) => tokenize(transcript.sentences[sentence].text),
): PiiDetection {
  const ranges = transcript.sentences.map(() => [] as Array<{ start: number; end: number; type: PiiType }>);
  const spans: PiiSpan[] = [];
  const addSpan = (type: PiiType, from: Token, fromSentence: number, to: Token, toSentence: number) => {
    const a = transcript.sentences[fromSentence];
    const b = transcript.sentences[toSentence];
    spans.push({
      type,
      startTime: round(Math.max(a.startTime, timeAt(transcript, fromSentence, from.start) - padding)),
      endTime: round(Math.min(b.endTime, timeAt(transcript, toSentence, to.end) + padding)),
    });
  };
  const streams = streamsOf(transcript);
  const timeOrder = streams.flat();
  const positionOf = new Map(timeOrder.map((sentence, position) => [sentence, position]));

  for (const stream of streams) {
    // The stream's tokens in order, and the sentence each came from.
    const tokens: Token[] = [];
    const sentenceOf: number[] = [];
    for (const sentence of stream)
      for (const token of tokensOf(sentence)) {
        tokens.push(token);
        sentenceOf.push(sentence);
      }
    const words = tokens.map((token) => token.norm);
    const taken = new Array<boolean>(tokens.length).fill(false);
    const findings: Finding[] = [];

    for (const [first, last] of findSpokenEmails(words)) findings.push({ type: 'EMAIL', first, last });
    // Fewer than 7 digits is never PII here (the shortest is a 7-digit local phone number).
    const runs = findDigitRuns(words).filter((run) => run.digits.length >= 7);
    // What was said just before (usually the agent's question) tells what a digit string is.
    const position = positionOf.get(stream[0]) ?? 0;
    const before = runs.length ? timeOrder.slice(Math.max(0, position - 2), position) : [];
    const context = runs.length
      ? [...before, ...stream].map((i) => transcript.sentences[i].text).join(' ')
      : '';
    for (const run of runs) {
      const type = classifyDigits(run, context);
      if (type) {
        findings.push({ type, first: run.first, last: run.last });
        continue;
      }
      const trimmed = withoutLeadingWeakDigit(words, run);
      const trimmedType = trimmed && classifyDigits(trimmed, context);
      if (trimmed && trimmedType)
        findings.push({ type: trimmedType, first: trimmed.first, last: trimmed.last });
    }

    for (const finding of findings) {
      if (taken.slice(finding.first, finding.last + 1).some(Boolean)) continue;
      taken.fill(true, finding.first, finding.last + 1);
      addSpan(
        finding.type,
        tokens[finding.first],
        sentenceOf[finding.first],
        tokens[finding.last],
        sentenceOf[finding.last],
      );
      for (const sentence of stream) {
        const inSentence = tokens
          .slice(finding.first, finding.last + 1)
          .filter((_, k) => sentenceOf[finding.first + k] === sentence);
        if (inSentence.length > 0)
          ranges[sentence].push({
            start: inSentence[0].start,
            end: inSentence[inSentence.length - 1].end,
            type: finding.type,
          });
      }
    }
  }

  // Written addresses ("jane.doe@example.com") sit in one token each; a regex over the text finds them.
  transcript.sentences.forEach((sentence, i) => {
    for (const match of sentence.text.matchAll(WRITTEN_EMAIL)) {
      const start = match.index;
      const end = start + match[0].length;
      if (ranges[i].some((range) => range.start < end && start < range.end)) continue;
      ranges[i].push({ start, end, type: 'EMAIL' });
      spans.push({
        type: 'EMAIL',
        startTime: round(Math.max(sentence.startTime, timeAt(transcript, i, start) - padding)),
        endTime: round(Math.min(sentence.endTime, timeAt(transcript, i, end) + padding)),
      });
    }
  });

  return {
    spans: spans.sort((a, b) => a.startTime - b.startTime),
    redactedTexts: transcript.sentences.map((sentence, i) => redact(sentence.text, ranges[i])),
  };
}

/** Replaces each range with its `[TYPE]` placeholder. */
export function redact(text: string, ranges: Array<{ start: number; end: number; type: PiiType }>): string {
  let out = text;
  for (const range of [...ranges].sort((a, b) => b.start - a.start))
    out = `${out.slice(0, range.start)}[${range.type}]${out.slice(range.end)}`;
  return out;
}

const round = (value: number) => Math.round(value * 100) / 100;
