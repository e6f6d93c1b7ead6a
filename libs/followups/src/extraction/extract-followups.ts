import { tokenize, type Token } from '@app/analysis';
import type { Transcript } from '@app/analysis';
import type { FollowupEvidence, FollowupType } from '../followup-types';
import { dueDateOf } from './due-date';

/** A follow-up found in the conversation: an agent's commitment or a customer's request. */
export interface ExtractedFollowup {
  /** Stable across re-analyses of the same transcript: a retried or repeated extraction stores it once. */
  key: string;
  type: FollowupType;
  text: string;
  by: 'agent' | 'customer';
  evidence: FollowupEvidence;
  dueAt: Date | null;
}

/** Verbs that promise later work, by the type of follow-up they make. Immediate actions (check, look, transfer) are not here. */
const ACTION_VERBS: Record<string, FollowupType> = {
  call: 'CALLBACK',
  ring: 'CALLBACK',
  phone: 'CALLBACK',
  contact: 'CALLBACK',
  reach: 'CALLBACK',
  follow: 'CALLBACK',
  get: 'CALLBACK', // "get back to you"; other "get"s are filtered below
  send: 'SEND_INFO',
  email: 'SEND_INFO',
  'e-mail': 'SEND_INFO',
  mail: 'SEND_INFO',
  text: 'SEND_INFO',
  forward: 'SEND_INFO',
  post: 'SEND_INFO',
  ship: 'SEND_INFO',
  share: 'SEND_INFO',
  receive: 'SEND_INFO',
  refund: 'REFUND',
  credit: 'REFUND',
  reimburse: 'REFUND',
  reverse: 'REFUND',
  escalate: 'ESCALATION',
  raise: 'ESCALATION',
  flag: 'ESCALATION',
  schedule: 'SCHEDULE',
  reschedule: 'SCHEDULE',
  book: 'SCHEDULE',
  arrange: 'SCHEDULE',
  visit: 'SCHEDULE',
  come: 'SCHEDULE',
  open: 'OTHER',
  fix: 'OTHER',
  repair: 'OTHER',
  replace: 'OTHER',
  update: 'OTHER',
  cancel: 'OTHER',
  investigate: 'OTHER',
  process: 'OTHER',
  waive: 'OTHER',
  apply: 'OTHER',
  order: 'OTHER',
  deliver: 'OTHER',
  activate: 'OTHER',
  reset: 'OTHER',
  sort: 'OTHER',
  file: 'OTHER',
  submit: 'OTHER',
  prepare: 'OTHER',
  confirm: 'OTHER',
};
/** What a customer may ask the company to do later (fewer: "can you confirm your address" is the agent's job now). */
const REQUEST_VERBS = new Set([
  'call',
  'ring',
  'send',
  'email',
  'e-mail',
  'mail',
  'text',
  'forward',
  'refund',
  'cancel',
  'escalate',
  'schedule',
  'book',
  'arrange',
  'reschedule',
]);

/** Who promises: the agent, the company or one of its people ("a technician will come on Tuesday"). */
const PROMISERS = new Set([
  'i',
  'we',
  'someone',
  'somebody',
  'technician',
  'engineer',
  'team',
  'colleague',
  'supervisor',
  'manager',
  'specialist',
  'courier',
]);
const CONTRACTED: Record<string, string> = { "i'll": 'i', "we'll": 'we', "i'm": 'i', "we're": 'we' };
const FILLERS = new Set([
  'also',
  'personally',
  'definitely',
  'certainly',
  'just',
  'then',
  'now',
  'right',
  'away',
  'be',
  'actually',
  'gladly',
  'happily',
  'myself',
  'today',
  'immediately',
  'first',
  'make',
  'sure',
  'to',
  'that',
  'and',
  'please',
]);
const NEGATIONS = new Set(['not', 'never', "won't", "can't", 'cannot', "don't", 'no']);

/** The first action verb within three words after position `from` (skipping adverbs), or null. */
function actionAfter(tokens: Token[], from: number, verbs: (word: string) => boolean): number | null {
  for (let i = from, skipped = 0; i < tokens.length && skipped <= 3; i++) {
    const word = tokens[i].norm;
    if (NEGATIONS.has(word)) return null;
    if (verbs(word)) return i;
    if (!FILLERS.has(word)) skipped++;
  }
  return null;
}

/** Positions of the action verbs of an agent's commitment ("I will send", "we'll call", "a technician is going to visit"). */
function commitment(tokens: Token[], text: string): number[] | null {
  const norms = tokens.map((t) => t.norm);
  for (let i = 0; i < norms.length; i++) {
    let subject: string | undefined;
    let after: number;
    if (CONTRACTED[norms[i]] && norms[i].endsWith("'ll")) {
      subject = CONTRACTED[norms[i]];
      after = i + 1;
    } else if ((norms[i] === 'will' || norms[i] === 'shall') && i > 0) {
      subject = norms[i - 1];
      after = i + 1;
    } else if (norms[i] === 'going' && norms[i + 1] === 'to' && i > 0) {
      const before = norms[i - 1];
      subject = CONTRACTED[before] ?? (['am', 'are', 'is'].includes(before) ? norms[i - 2] : undefined);
      after = i + 2;
    } else if (norms[i] === 'will' && i === 0) {
      continue;
    } else continue;
    // "you'll receive an e-mail" is the company's promise too.
    const youReceive = subject === 'you' && norms[after] === 'receive';
    if (!subject || (!PROMISERS.has(subject) && !youReceive)) continue;
    const verb = actionAfter(tokens, after, (word) => word in ACTION_VERBS);
    if (verb === null) continue;
    if (norms[verb] === 'get' && norms[verb + 1] !== 'back') continue;
    if (norms[verb] === 'follow' && norms[verb + 1] !== 'up') continue;
    if (norms[verb] === 'reach' && norms[verb + 1] !== 'out') continue;
    if (norms[verb] === 'come' && !/\b(?:out|over|round|by|visit)\b/.test(norms.slice(verb).join(' ')))
      continue;
    return withContinuations(tokens, verb, text);
  }
  return null;
}

/** "I will send the proposal today and book a demo": each verb joined by "and" in the same clause is a promise too. */
function withContinuations(tokens: Token[], verb: number, text: string): number[] {
  const verbs = [verb];
  for (let i = verb + 1; i < tokens.length - 1; i++) {
    // Tokens carry no punctuation: the clause ends where the text between two words has some.
    if (/[.;!?]/.test(text.slice(tokens[i - 1].end, tokens[i].start))) break;
    if (tokens[i].norm !== 'and') continue;
    const next = actionAfter(
      tokens,
      i + 1,
      (word) => word in ACTION_VERBS && word !== 'get' && word !== 'come',
    );
    if (next !== null && next <= i + 2) verbs.push(next);
  }
  return verbs;
}

/** "I can send a replacement today": an offer, which is a promise only when it names when (checked by the caller). */
function offer(tokens: Token[], text: string): number[] | null {
  for (let i = 1; i < tokens.length; i++) {
    if (tokens[i].norm !== 'can' || !['i', 'we'].includes(tokens[i - 1].norm)) continue;
    const verb = actionAfter(
      tokens,
      i + 1,
      (word) => word in ACTION_VERBS && word !== 'get' && word !== 'come',
    );
    if (verb !== null) return withContinuations(tokens, verb, text);
  }
  return null;
}

/** Position of the verb of a customer's request ("can you send me", "please call me back", "I need you to cancel"). */
function request(tokens: Token[]): number[] | null {
  const norms = tokens.map((t) => t.norm);
  for (let i = 0; i < norms.length; i++) {
    let after = -1;
    if (['can', 'could', 'would', 'will'].includes(norms[i]) && norms[i + 1] === 'you') after = i + 2;
    else if (norms[i] === 'please') after = i + 1;
    else if (norms[i] === 'need' && norms[i + 1] === 'you' && norms[i + 2] === 'to') after = i + 3;
    else if (norms[i] === 'like' && norms[i + 1] === 'you' && norms[i + 2] === 'to') after = i + 3;
    if (after < 0) continue;
    const verb = actionAfter(tokens, after, (word) => REQUEST_VERBS.has(word));
    if (verb !== null) return [verb];
  }
  return null;
}

/** The type a sentence's words make more precise than its verb ("process the refund" is a refund). */
function refine(type: FollowupType, text: string): FollowupType {
  // "send an adjuster", "send a replacement": people and goods, not information.
  if (
    type === 'SEND_INFO' &&
    /\bsend (?:an? |the |out )?(?:adjuster|technician|engineer|someone)/i.test(text)
  )
    return 'SCHEDULE';
  if (type === 'SEND_INFO' && /\bsend (?:you )?(?:an? |the )?(?:replacement|new one)/i.test(text))
    return 'OTHER';
  if (type !== 'OTHER' && type !== 'CALLBACK') return type;
  if (type === 'OTHER' && /\b(?:refund|reimburse|credit)/i.test(text)) return 'REFUND';
  if (type === 'OTHER' && /\b(?:supervisor|manager|escalat)/i.test(text)) return 'ESCALATION';
  if (type === 'OTHER' && /\b(?:appointment|visit|technician)/i.test(text)) return 'SCHEDULE';
  return type;
}

/**
 * Follow-ups in a conversation: each agent utterance that commits to later work (a first-person or team subject,
 * "will"/"'ll"/"going to", an action verb within three words, no negation, not a question), and each customer
 * utterance that asks the company for such work. A request the agent then commits to (same type, within the next
 * three utterances) is one follow-up, the agent's. Due dates come from the words, relative to the call's date.
 */
export function extractFollowups(
  transcript: Transcript,
  callDate: Date,
  /** The redacted text of each sentence: follow-ups quote and repeat no PII. */
  redacted: string[] = transcript.sentences.map((s) => s.text),
): ExtractedFollowup[] {
  const roles = new Map(transcript.speakers.map((s) => [s.speakerId, s.role]));
  const found: Array<ExtractedFollowup & { index: number }> = [];
  transcript.sentences.forEach((sentence, index) => {
    const text = sentence.text ?? '';
    const role = roles.get(sentence.speakerId) ?? 'unknown';
    const tokens = tokenize(text);
    // An agent's question ("Shall I send it?") promises nothing yet. A mono call whose speakers are unknown:
    // commitments are still recognisable by their words.
    const question = /\?\s*$/.test(text);
    const promised = role === 'customer' ? request(tokens) : question ? null : commitment(tokens, text);
    const offered = promised || role === 'customer' || question ? null : offer(tokens, text);
    const verbs = promised ?? offered;
    if (!verbs) return;
    const quote = redacted[index] ?? text;
    verbs.forEach((verb, k) => {
      const word = tokens[verb].norm;
      const type = refine(role === 'customer' ? (ACTION_VERBS[word] ?? 'OTHER') : ACTION_VERBS[word], text);
      // The promise's own words name its time ("send the proposal today and book a demo for next Tuesday"), else
      // the words before it in its clause ("Tomorrow I will call you").
      const clauseStart = Math.max(0, text.slice(0, tokens[verb].start).search(/[^.;!?]*$/));
      const clauseEnd = text.slice(tokens[verb].start).search(/[.;!?]/);
      const end =
        verbs[k + 1] !== undefined
          ? tokens[verbs[k + 1]].start
          : clauseEnd < 0
            ? text.length
            : tokens[verb].start + clauseEnd;
      const due =
        dueDateOf(text.slice(tokens[verb].start, end), callDate) ??
        dueDateOf(text.slice(clauseStart, end), callDate);
      if (offered && !due) return;
      found.push({
        index,
        key: `ai:${Math.round(sentence.startTime * 1000)}:${verb}:${type}`,
        type,
        text: quote,
        by: role === 'customer' ? 'customer' : 'agent',
        evidence: {
          startTime: sentence.startTime,
          endTime: sentence.endTime,
          speakerId: sentence.speakerId,
          quote,
        },
        // A time before the call ("a reminder the day before") is not when the follow-up is due.
        dueAt: due && due.getTime() >= callDate.getTime() - 60_000 ? due : null,
      });
    });
  });
  // A customer's request answered by the agent's commitment of the same type is one follow-up: the agent's.
  return found
    .filter(
      (item) =>
        item.by === 'agent' ||
        !found.some(
          (other) =>
            other.by === 'agent' &&
            other.type === item.type &&
            other.index > item.index &&
            other.index <= item.index + 3,
        ),
    )
    .map((item) => {
      const { index, ...followup } = item;
      if (followup.by === 'agent' && !followup.dueAt) {
        // "Can you e-mail it by Friday?" — "Sure, I'll send it." is due when the customer asked.
        const asked = found.find(
          (o) => o.by === 'customer' && o.type === item.type && o.index < index && o.index >= index - 3,
        );
        if (asked?.dueAt) followup.dueAt = asked.dueAt;
      }
      return followup;
    });
}
