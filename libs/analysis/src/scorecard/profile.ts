import type { MetricName } from '../metrics/conversation-metrics';

export const METRIC_OPERATORS = ['lt', 'lte', 'gt', 'gte', 'eq', 'neq'] as const;
export type MetricOperator = (typeof METRIC_OPERATORS)[number];
export const CRITERION_SPEAKERS = ['agent', 'customer', 'any'] as const;
export type CriterionSpeaker = (typeof CRITERION_SPEAKERS)[number];

/** One line of a scorecard, as api.md "Analysis profiles" defines it (plus an optional coaching text). */
export interface ProfileCriterion {
  id: string;
  category: string;
  description: string;
  weight: number;
  /** A failed compliance criterion fails the whole call's complianceStatus. */
  compliance: boolean;
  speaker: CriterionSpeaker;
  /** Passed when the speaker says any of these (in the window). */
  phrases?: string[];
  /** Failed when the speaker says any of these (in the window). */
  forbiddenPhrases?: string[];
  /** Seconds from the start and/or before the end of the conversation where the phrases count. */
  window?: { fromStart?: number; beforeEnd?: number };
  metric?: { name: MetricName; operator: MetricOperator; value: number };
  /** What to tell the agent when this fails; derived from the description when absent. */
  improvement?: string;
}

export interface ScorecardProfile {
  name: string;
  criteria: ProfileCriterion[];
}
