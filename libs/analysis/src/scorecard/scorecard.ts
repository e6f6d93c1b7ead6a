import type { ConversationMetrics } from '../metrics/conversation-metrics';
import { AGENT_METRICS, CUSTOMER_METRICS, METRIC_UNITS } from '../metrics/metric-definitions';
import type { SpeakerRole, Transcript } from '../transcript';
import { buildEvaluation, type Evaluation, type EvaluationResult } from './evaluation';
import {
  compilePhrase,
  findAnyPhrase,
  prepareText,
  type CompiledPhrase,
  type MatchableText,
  type PhraseMatch,
} from './phrase-matcher';
import {
  allCriteria,
  pointsOf,
  type CriterionSpeaker,
  type MetricOperator,
  type MetricRubric,
  type ProfileCriterion,
  type ScorecardProfile,
} from './profile';

/** The legacy evidence of api.md "Analyses": where it was said, and what. */
export interface Evidence {
  startTime: number;
  text: string;
}

/** A quote that shows why a criterion was judged as it was. */
export interface EvidenceQuote {
  startTime: number;
  endTime: number;
  speakerId: string;
  quote: string;
}

export interface CriterionResult {
  id: string;
  category: string;
  description: string;
  weight: number;
  compliance: boolean;
  /** False only when not met: a criterion that did not apply, or could not be judged, is not a failure. */
  passed: boolean;
  result: EvaluationResult;
  reason?: string;
  /** Where the phrase (or forbidden phrase) was said; null when nothing was said that bears on it. */
  evidence: Evidence | null;
  /** The profile phrase (or example, for a match by meaning) that matched, when one did. */
  matchedPhrase?: string;
  matchedBy?: 'phrase' | 'meaning';
}

export interface ScorecardOutcome {
  qualityScore: number;
  complianceStatus: 'passed' | 'failed';
  categories: Record<string, number>;
  criteria: CriterionResult[];
  improvements: string[];
  evaluation: Evaluation;
}

/** How an utterance was found to mean the same as a criterion's examples. */
export interface MeaningMatch {
  index: number;
  example: string;
}

/**
 * Matches by meaning, prepared before scoring (embeddings are asynchronous, scoring is not): for a list of examples
 * and the utterances allowed to match, the first that means the same, if any.
 */
export type MeaningLookup = (examples: string[], eligible: number[]) => MeaningMatch | null;

/** A criterion (or a trigger) whose examples still need a match by meaning, and the utterances that may give it. */
export interface MeaningNeed {
  examples: string[];
  eligible: number[];
}

export interface ScorecardInput {
  transcript: Transcript;
  metrics: ConversationMetrics;
  /** Prepared text of each sentence (same order as transcript.sentences); computed once and shared. */
  prepared?: MatchableText[];
  /** What evidence quotes for sentence i: the redacted text, so an analysis never repeats PII. */
  quote?: (index: number, match: PhraseMatch | null) => string;
  meaning?: MeaningLookup;
  /** Told which example lists were left without a phrase match: what `meaning` should be prepared for. */
  onMeaningNeeded?: (need: MeaningNeed) => void;
  profileVersion?: number;
}

const compare = (actual: number, operator: MetricOperator, value: number): boolean => {
  switch (operator) {
    case 'lt':
      return actual < value;
    case 'lte':
      return actual <= value;
    case 'gt':
      return actual > value;
    case 'gte':
      return actual >= value;
    case 'eq':
      return actual === value;
    case 'neq':
      return actual !== value;
  }
};

const OPERATOR_TEXT: Record<MetricOperator, string> = {
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
  eq: '=',
  neq: '≠',
};

/** Share of a rubric's points a value earns: 1 inside the target range, falling to 0 at the tolerance's edge. */
export function rubricShare(value: number, rubric: MetricRubric): number {
  const distance =
    value < rubric.minTarget ? rubric.minTarget - value : Math.max(0, value - rubric.maxTarget);
  if (distance === 0) return 1;
  if (rubric.targetTolerance <= 0) return 0;
  return Math.max(0, 1 - distance / rubric.targetTolerance);
}

/** Compiled phrases are cached per criterion object: a profile is scored many times, compiled once. */
const compiled = new WeakMap<
  ProfileCriterion,
  { phrases: CompiledPhrase[]; forbidden: CompiledPhrase[]; trigger: CompiledPhrase[] }
>();
function compiledOf(criterion: ProfileCriterion) {
  let entry = compiled.get(criterion);
  if (!entry) {
    entry = {
      phrases: (criterion.phrases ?? []).map(compilePhrase),
      forbidden: (criterion.forbiddenPhrases ?? []).map(compilePhrase),
      trigger: (criterion.appliesWhen?.phrases ?? []).map(compilePhrase),
    };
    compiled.set(criterion, entry);
  }
  return entry;
}

interface Found {
  index: number;
  match: PhraseMatch | null;
  phrase: string;
  by: 'phrase' | 'meaning';
}

export interface Judgement {
  criterion: ProfileCriterion;
  result: EvaluationResult;
  reason?: string;
  pointsPossible: number;
  pointsEarned: number;
  metricValue?: number;
  unit?: string;
  evidence: EvidenceQuote[];
  /** What to tell the agent, when not met. */
  improvement?: string;
  found?: Found;
}

/**
 * Judges each criterion of a profile on a transcript: `met` when every part it has holds (one of its phrases, or an
 * utterance meaning the same as one of its examples, said by its speaker inside its window; none of its forbidden
 * phrases; its metric on target); `not_applicable` when the situation it judges (appliesWhen) never arose;
 * `not_evaluated` when the call cannot tell (no agent or customer to attribute a metric to). A call without
 * speech does not meet what had to be said. Points,
 * sections, colours and the 0-100 score follow in buildEvaluation.
 */
export function evaluateScorecard(profile: ScorecardProfile, input: ScorecardInput): ScorecardOutcome {
  const { transcript, metrics } = input;
  const sentences = transcript.sentences;
  const prepared = input.prepared ?? sentences.map((sentence) => prepareText(sentence.text));
  const roles = new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.role]));
  const roleOf = (i: number): SpeakerRole => roles.get(sentences[i].speakerId) ?? 'unknown';
  const speechEnd = sentences.reduce((max, s) => Math.max(max, s.endTime), 0);
  const order = sentences
    .map((_, i) => i)
    .sort((a, b) => sentences[a].startTime - sentences[b].startTime || a - b);
  const quote =
    input.quote ??
    ((index: number, match: PhraseMatch | null) => {
      if (!match) return sentences[index].text;
      const { tokens } = prepared[index];
      return sentences[index].text.slice(tokens[match.start].start, tokens[match.end - 1].end);
    });

  // A mono call whose turns could not be told apart has no agent or customer: its criteria then read everyone.
  const presentRoles = new Set(sentences.map((_, i) => roleOf(i)));
  const bySpeaker = (speaker: CriterionSpeaker, i: number) =>
    speaker === 'any' || !presentRoles.has(speaker) || roleOf(i) === speaker;
  const eligibleFor = (criterion: ProfileCriterion, after: number) =>
    order.filter((i) => {
      if (!bySpeaker(criterion.speaker, i)) return false;
      const sentence = sentences[i];
      if (sentence.startTime < after) return false;
      const { fromStart, beforeEnd } = criterion.window ?? {};
      if (fromStart !== undefined && sentence.startTime > fromStart) return false;
      // The end of the conversation is the end of the last utterance: trailing silence does not move the window.
      if (beforeEnd !== undefined && sentence.endTime < speechEnd - beforeEnd) return false;
      return true;
    });
  const firstSaid = (
    phrases: CompiledPhrase[],
    examples: string[] | undefined,
    eligible: number[],
  ): Found | null => {
    for (const i of eligible) {
      const match = phrases.length > 0 ? findAnyPhrase(prepared[i], phrases) : null;
      if (match) return { index: i, match, phrase: match.phrase, by: 'phrase' };
    }
    if (!examples?.length || eligible.length === 0) return null;
    const byMeaning = input.meaning?.(examples, eligible) ?? null;
    if (byMeaning) return { index: byMeaning.index, match: null, phrase: byMeaning.example, by: 'meaning' };
    input.onMeaningNeeded?.({ examples, eligible });
    return null;
  };
  const quoteOf = (found: Found): EvidenceQuote => {
    const sentence = sentences[found.index];
    return {
      startTime: sentence.startTime,
      endTime: sentence.endTime,
      speakerId: sentence.speakerId,
      quote: quote(found.index, found.match),
    };
  };

  const judge = (criterion: ProfileCriterion): Judgement => {
    const pointsPossible = pointsOf(criterion);
    const base = criterion.improvement ?? criterion.description;
    const notEvaluated = (reason: string): Judgement => ({
      criterion,
      result: 'not_evaluated',
      reason,
      pointsPossible,
      pointsEarned: 0,
      evidence: [],
    });
    const { phrases, forbidden, trigger } = compiledOf(criterion);

    let after = -Infinity;
    let triggerEvidence: EvidenceQuote[] = [];
    if (criterion.appliesWhen) {
      const when = criterion.appliesWhen;
      const eligible = order.filter((i) => bySpeaker(when.speaker, i));
      const arose = sentences.length > 0 ? firstSaid(trigger, when.examples, eligible) : null;
      // The trigger may yet be found by meaning: the criterion's own examples then need their utterances too.
      if (!arose && !input.meaning && when.examples?.length && criterion.examples?.length)
        input.onMeaningNeeded?.({
          examples: criterion.examples,
          eligible: eligibleFor(criterion, -Infinity),
        });
      if (!arose)
        return {
          criterion,
          result: 'not_applicable',
          reason: 'the situation it judges did not arise in this call',
          pointsPossible,
          pointsEarned: 0,
          evidence: [],
        };
      after = sentences[arose.index].startTime;
      triggerEvidence = [quoteOf(arose)];
    }

    const eligible = eligibleFor(criterion, after);
    const wanted = phrases.length > 0 || (criterion.examples?.length ?? 0) > 0;
    const said = wanted ? firstSaid(phrases, criterion.examples, eligible) : null;
    const forbiddenSaid = forbidden.length > 0 ? firstSaid(forbidden, undefined, eligible) : null;

    let metricValue: number | undefined;
    let unit: string | undefined;
    let metricShare = 1;
    let metricNote: string | undefined;
    if (criterion.metric) {
      const { name, operator, value, rubric } = criterion.metric;
      unit = METRIC_UNITS[name];
      const needsRole = AGENT_METRICS.has(name) ? 'agent' : CUSTOMER_METRICS.has(name) ? 'customer' : null;
      if (sentences.length === 0 && needsRole) return notEvaluated('no speech');
      if (needsRole && !presentRoles.has(needsRole))
        return notEvaluated(`the ${needsRole} could not be told apart from the other speaker`);
      const actual = metrics[name];
      if (typeof actual !== 'number' || !Number.isFinite(actual))
        return notEvaluated(`${name} could not be measured`);
      metricValue = actual;
      if (rubric) metricShare = rubricShare(actual, rubric);
      else if (operator !== undefined && value !== undefined && !compare(actual, operator, value))
        metricShare = 0;
      if (metricShare < 1)
        metricNote = rubric
          ? `${name} was ${actual}, target ${rubric.minTarget}–${rubric.maxTarget}`
          : `${name} was ${actual}, expected ${OPERATOR_TEXT[operator!]} ${value}`;
    }

    const phrasesHold = !wanted || said !== null;
    const met = phrasesHold && forbiddenSaid === null && metricShare === 1;
    const earned = phrasesHold && forbiddenSaid === null ? pointsPossible * metricShare : 0;
    const evidence = [
      ...(forbiddenSaid ? [quoteOf(forbiddenSaid)] : said ? [quoteOf(said)] : []),
      ...triggerEvidence,
    ];
    let improvement: string | undefined;
    if (!met) {
      if (forbiddenSaid) improvement = `${base} (said "${forbiddenSaid.phrase}")`;
      else if (metricNote) improvement = `${base} (${metricNote})`;
      else improvement = base;
    }
    return {
      criterion,
      result: met ? 'met' : 'not_met',
      // A call without speech did not meet what had to be said (a disclosure never made is a compliance failure).
      reason: forbiddenSaid
        ? `said "${forbiddenSaid.phrase}"`
        : (metricNote ?? (!phrasesHold && sentences.length === 0 ? 'no speech' : undefined)),
      pointsPossible,
      pointsEarned: Math.round(earned * 100) / 100,
      metricValue,
      unit,
      evidence,
      improvement,
      found: forbiddenSaid ?? said ?? undefined,
    };
  };

  const judgements = new Map(allCriteria(profile).map((criterion) => [criterion, judge(criterion)]));
  const evaluation = buildEvaluation(profile, judgements, input.profileVersion ?? 1);

  const criteria: CriterionResult[] = [...judgements.values()].map((j) => {
    const result: CriterionResult = {
      id: j.criterion.id,
      category: j.criterion.category,
      description: j.criterion.description,
      weight: j.criterion.weight,
      compliance: j.criterion.compliance,
      passed: j.result !== 'not_met',
      result: j.result,
      evidence: j.evidence[0] ? { startTime: j.evidence[0].startTime, text: j.evidence[0].quote } : null,
    };
    if (j.reason) result.reason = j.reason;
    if (j.found && j.result === 'met') {
      result.matchedPhrase = j.found.phrase;
      result.matchedBy = j.found.by;
    }
    return result;
  });

  const share = (list: Judgement[]) => {
    const possible = list.reduce((sum, j) => sum + (counts(j) ? j.pointsPossible : 0), 0);
    const earned = list.reduce((sum, j) => sum + (counts(j) ? j.pointsEarned : 0), 0);
    return possible > 0 ? Math.round((100 * earned) / possible) : 0;
  };
  const categories: Record<string, number> = {};
  const all = [...judgements.values()];
  for (const category of new Set(all.map((j) => j.criterion.category)))
    categories[category] = share(all.filter((j) => j.criterion.category === category));
  return {
    qualityScore: evaluation.score ?? 0,
    complianceStatus: all.some((j) => j.criterion.compliance && j.result === 'not_met') ? 'failed' : 'passed',
    categories,
    criteria,
    improvements: all.flatMap((j) => (j.improvement ? [j.improvement] : [])),
    evaluation,
  };
}

/** A criterion that did not apply, or could not be judged, counts neither for nor against. */
export const counts = (judgement: Pick<Judgement, 'result'>): boolean =>
  judgement.result === 'met' || judgement.result === 'not_met';
