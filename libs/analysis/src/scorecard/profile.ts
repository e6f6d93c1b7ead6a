import type { MetricName } from '../metrics/conversation-metrics';

export const METRIC_OPERATORS = ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'] as const;
export type MetricOperator = (typeof METRIC_OPERATORS)[number];
export const CRITERION_SPEAKERS = ['agent', 'customer', 'any'] as const;
export type CriterionSpeaker = (typeof CRITERION_SPEAKERS)[number];
export const EVALUATION_COLORS = ['GREEN', 'YELLOW', 'RED'] as const;
export type EvaluationColor = (typeof EVALUATION_COLORS)[number];

/**
 * Points for a metric by distance from its target range: everything inside [minTarget, maxTarget], nothing beyond
 * targetTolerance outside it, and a linear share in between.
 */
export interface MetricRubric {
  minTarget: number;
  maxTarget: number;
  targetTolerance: number;
}

/**
 * When a criterion applies at all: the situation it judges (an objection, a complaint) must arise first. A call in
 * which it never does scores the criterion `not_applicable` rather than failing it.
 */
export interface CriterionTrigger {
  speaker: CriterionSpeaker;
  phrases?: string[];
  /** Utterances that mean the same count too (matched by sentence embeddings). */
  examples?: string[];
}

/** One line of a scorecard, as api.md "Analysis profiles" defines it (plus an optional coaching text). */
export interface ProfileCriterion {
  id: string;
  category: string;
  description: string;
  weight: number;
  /** Points the criterion is worth; its weight when absent. */
  points?: number;
  /** A failed compliance criterion fails the whole call's complianceStatus. */
  compliance: boolean;
  speaker: CriterionSpeaker;
  /** Met when the speaker says any of these (in the window). */
  phrases?: string[];
  /** Met, too, when the speaker says something that means the same as one of these. */
  examples?: string[];
  /** Not met when the speaker says any of these (in the window): exact compliance wording, never by meaning. */
  forbiddenPhrases?: string[];
  /** Seconds from the start and/or before the end of the conversation where the phrases count. */
  window?: { fromStart?: number; beforeEnd?: number };
  metric?: { name: MetricName; operator?: MetricOperator; value?: number; rubric?: MetricRubric };
  appliesWhen?: CriterionTrigger;
  /** What to tell the agent when this fails; derived from the description when absent. */
  improvement?: string;
}

export interface ProfileSection {
  id: string;
  name: string;
  /** Share of the score (the sections' weights sum to 100). */
  weight: number;
  criteria: ProfileCriterion[];
}

export interface ColorBand {
  color: EvaluationColor;
  lowRange: number;
  highRange: number;
}

export const DEFAULT_COLOR_BANDS: ColorBand[] = [
  { color: 'RED', lowRange: 0, highRange: 60 },
  { color: 'YELLOW', lowRange: 60, highRange: 80 },
  { color: 'GREEN', lowRange: 80, highRange: 100 },
];

export interface ScorecardProfile {
  name: string;
  /** Criteria outside any section (a profile without sections has only these). */
  criteria: ProfileCriterion[];
  sections?: ProfileSection[];
  colors?: ColorBand[];
}

/** Every criterion of a profile, in order: the unsectioned ones first, then each section's. */
export function allCriteria(profile: ScorecardProfile): ProfileCriterion[] {
  return [...profile.criteria, ...(profile.sections ?? []).flatMap((section) => section.criteria)];
}

export const pointsOf = (criterion: ProfileCriterion): number => criterion.points ?? criterion.weight;
