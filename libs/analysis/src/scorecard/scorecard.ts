import type { ConversationMetrics } from '../metrics/conversation-metrics';
import type { SpeakerRole, Transcript } from '../transcript';
import {
  compilePhrase,
  findAnyPhrase,
  prepareText,
  type CompiledPhrase,
  type MatchableText,
  type PhraseMatch,
} from './phrase-matcher';
import type { MetricOperator, ProfileCriterion, ScorecardProfile } from './profile';

export interface Evidence {
  startTime: number;
  text: string;
}

export interface CriterionResult {
  id: string;
  category: string;
  description: string;
  weight: number;
  compliance: boolean;
  passed: boolean;
  /** Where the phrase (or forbidden phrase) was said; null when nothing was said that bears on it. */
  evidence: Evidence | null;
  /** The profile phrase that matched, when one did. */
  matchedPhrase?: string;
}

export interface ScorecardOutcome {
  qualityScore: number;
  complianceStatus: 'passed' | 'failed';
  categories: Record<string, number>;
  criteria: CriterionResult[];
  improvements: string[];
}

export interface ScorecardInput {
  transcript: Transcript;
  metrics: ConversationMetrics;
  /** Prepared text of each sentence (same order as transcript.sentences); computed once and shared. */
  prepared?: MatchableText[];
  /** What evidence quotes for sentence i: the redacted text, so an analysis never repeats PII. */
  quote?: (index: number, match: PhraseMatch) => string;
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

const percent = (passed: number, total: number) => (total > 0 ? Math.round((100 * passed) / total) : 0);

/** Compiled phrases are cached per profile object: a profile is scored many times, compiled once. */
const compiled = new WeakMap<ProfileCriterion, { phrases: CompiledPhrase[]; forbidden: CompiledPhrase[] }>();
function compiledOf(criterion: ProfileCriterion) {
  let entry = compiled.get(criterion);
  if (!entry) {
    entry = {
      phrases: (criterion.phrases ?? []).map(compilePhrase),
      forbidden: (criterion.forbiddenPhrases ?? []).map(compilePhrase),
    };
    compiled.set(criterion, entry);
  }
  return entry;
}

/**
 * Scores a transcript against a profile. A criterion passes when every part it has holds: one of its phrases was
 * said (by its speaker, inside its window), none of its forbidden phrases was, and its metric meets the threshold.
 * qualityScore and each category are the weighted share of criteria passed (0-100); complianceStatus fails when
 * any compliance criterion fails.
 */
export function evaluateScorecard(profile: ScorecardProfile, input: ScorecardInput): ScorecardOutcome {
  const { transcript, metrics } = input;
  const prepared = input.prepared ?? transcript.sentences.map((sentence) => prepareText(sentence.text));
  const roles = new Map(transcript.speakers.map((speaker) => [speaker.speakerId, speaker.role]));
  const roleOf = (i: number): SpeakerRole => roles.get(transcript.sentences[i].speakerId) ?? 'unknown';
  const speechEnd = transcript.sentences.reduce((max, s) => Math.max(max, s.endTime), 0);
  const order = transcript.sentences
    .map((_, i) => i)
    .sort((a, b) => {
      const x = transcript.sentences[a];
      const y = transcript.sentences[b];
      return x.startTime - y.startTime || a - b;
    });
  const quote =
    input.quote ??
    ((index: number, match: PhraseMatch) => {
      const { tokens } = prepared[index];
      return transcript.sentences[index].text.slice(tokens[match.start].start, tokens[match.end - 1].end);
    });

  // A mono call whose turns could not be told apart has no agent or customer: its criteria then read everyone.
  const presentRoles = new Set(transcript.sentences.map((_, i) => roleOf(i)));
  const eligible = (criterion: ProfileCriterion, i: number): boolean => {
    if (criterion.speaker !== 'any' && presentRoles.has(criterion.speaker) && roleOf(i) !== criterion.speaker)
      return false;
    const sentence = transcript.sentences[i];
    const { fromStart, beforeEnd } = criterion.window ?? {};
    if (fromStart !== undefined && sentence.startTime > fromStart) return false;
    // The end of the conversation is the end of the last utterance: trailing silence does not move the window.
    if (beforeEnd !== undefined && sentence.endTime < speechEnd - beforeEnd) return false;
    return true;
  };
  const firstMatch = (criterion: ProfileCriterion, phrases: CompiledPhrase[]) => {
    if (phrases.length === 0) return null;
    for (const i of order) {
      if (!eligible(criterion, i)) continue;
      const match = findAnyPhrase(prepared[i], phrases);
      if (match) return { index: i, match };
    }
    return null;
  };

  const criteria: CriterionResult[] = [];
  const improvements: string[] = [];
  for (const criterion of profile.criteria) {
    const { phrases, forbidden } = compiledOf(criterion);
    const said = firstMatch(criterion, phrases);
    const forbiddenSaid = firstMatch(criterion, forbidden);
    const metricValue = criterion.metric ? metrics[criterion.metric.name] : undefined;
    const metricHolds =
      !criterion.metric || compare(metricValue as number, criterion.metric.operator, criterion.metric.value);
    const passed = (phrases.length === 0 || said !== null) && forbiddenSaid === null && metricHolds;
    const evidenceOf = (found: { index: number; match: PhraseMatch } | null): Evidence | null =>
      found && {
        startTime: transcript.sentences[found.index].startTime,
        text: quote(found.index, found.match),
      };
    const result: CriterionResult = {
      id: criterion.id,
      category: criterion.category,
      description: criterion.description,
      weight: criterion.weight,
      compliance: criterion.compliance,
      passed,
      evidence: evidenceOf(forbiddenSaid) ?? evidenceOf(said),
    };
    if (said) result.matchedPhrase = said.match.phrase;
    criteria.push(result);
    if (!passed) {
      const base = criterion.improvement ?? criterion.description;
      if (forbiddenSaid) improvements.push(`${base} (said "${forbiddenSaid.match.phrase}")`);
      else if (!metricHolds && criterion.metric)
        improvements.push(
          `${base} (${criterion.metric.name} was ${metricValue}, expected ${OPERATOR_TEXT[criterion.metric.operator]} ${criterion.metric.value})`,
        );
      else improvements.push(base);
    }
  }

  const weighted = (list: CriterionResult[]) =>
    percent(
      list.filter((c) => c.passed).reduce((sum, c) => sum + c.weight, 0),
      list.reduce((sum, c) => sum + c.weight, 0),
    );
  const categories: Record<string, number> = {};
  for (const category of new Set(criteria.map((c) => c.category)))
    categories[category] = weighted(criteria.filter((c) => c.category === category));
  return {
    qualityScore: weighted(criteria),
    complianceStatus: criteria.some((c) => c.compliance && !c.passed) ? 'failed' : 'passed',
    categories,
    criteria,
    improvements,
  };
}
