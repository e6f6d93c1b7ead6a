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

const EMAIL_CONTEXT = /\b(e-?mail|mail|address)\b/i;

/**
 * Addresses whose "at" the recogniser lost ("marco dot ruiz at example dot org" heard as "Marco.ruisadexample.org"),
 * when the conversation just asked for or named an e-mail address: a host name ending in a known top-level domain,
 * written ("x.example.org") or spoken ("example dot org"), with the spoken name parts joined to it before.
 */
function findAskedForEmails(words: string[]): Array<[number, number]> {
  const found: Array<[number, number]> = [];
  const isWord = (w: string | undefined) => w !== undefined && /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(w);
  for (let i = 0; i < words.length; i++) {
    let last = -1;
    const host = /^[\p{L}\p{N}][\p{L}\p{N}._-]*\.([\p{L}]+)$/u.exec(words[i]);
    if (host && TLDS.has(host[1])) last = i;
    else if (EMAIL_JOINERS.get(words[i]) === '.' && TLDS.has(words[i + 1] ?? '') && isWord(words[i - 1]))
      last = i + 1;
    if (last < 0) continue;
    let first = last === i ? i : i - 1;
    const joinedBack = () => {
      while (first >= 2 && EMAIL_JOINERS.has(words[first - 1]) && isWord(words[first - 2])) first -= 2;
    };
    joinedBack();
    // "ana dot lopez | example dot com": a joined name right before the host is the address's own part.
    if (
      first >= 3 &&
      isWord(words[first - 1]) &&
      EMAIL_JOINERS.has(words[first - 2]) &&
      isWord(words[first - 3])
    ) {
      first -= 1;
      joinedBack();
    }
    found.push([first, last]);
    i = last;
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

/**
 * How long a character takes to say, relative to a letter: a written digit is a spoken word ("4" → "four"), a dot or
 * "@" inside an address is "dot" or "at", and other punctuation is not spoken. Without this a card number written as
 * 16 digits by the recogniser would look like a quarter of its utterance when it took most of it to read out.
 */
function spokenWeight(text: string, index: number): number {
  const char = text[index];
  if (/\p{N}/u.test(char)) return 5;
  if (char === '@') return 3;
  if (
    char === '.' &&
    /[\p{L}\p{N}]/u.test(text[index + 1] ?? '') &&
    /[\p{L}\p{N}]/u.test(text[index - 1] ?? '')
  )
    return 4;
  if (/[\p{L}\s']/u.test(char)) return 1;
  return 0;
}

/** Seconds into the call of a character offset, assuming an even speaking rate over the spoken length of the text. */
function timeAt(transcript: Transcript, sentence: number, offset: number): number {
  const { startTime, endTime, text } = transcript.sentences[sentence];
  let before = 0;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const weight = spokenWeight(text, i);
    total += weight;
    if (i < offset) before += weight;
  }
  return startTime + (total > 0 ? (before / total) * (endTime - startTime) : 0);
}

/**
 * Finds phone numbers, email addresses, payment card numbers and US social security numbers, written or spoken,
 * and returns their time spans plus a redacted copy of each sentence. Times inside an utterance are estimated from
 * the spoken length of the text before it (transcripts carry no word times), widened by `padding` seconds and kept inside the utterance
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

    // What was said just before (usually the agent's question) tells what a digit string or a host name is.
    const position = positionOf.get(stream[0]) ?? 0;
    const context = [...timeOrder.slice(Math.max(0, position - 2), position), ...stream]
      .map((i) => transcript.sentences[i].text)
      .join(' ');
    for (const [first, last] of findSpokenEmails(words)) findings.push({ type: 'EMAIL', first, last });
    if (EMAIL_CONTEXT.test(context))
      for (const [first, last] of findAskedForEmails(words)) findings.push({ type: 'EMAIL', first, last });
    // Fewer than 7 digits is never PII here (the shortest is a 7-digit local phone number).
    const runs = findDigitRuns(words).filter((run) => run.digits.length >= 7);
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
