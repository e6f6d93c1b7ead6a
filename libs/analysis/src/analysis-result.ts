import type { ConversationMetrics } from './metrics/conversation-metrics';
import type { PiiSpan } from './pii/pii-detector';
import type { SentimentLabel, SentimentSummary } from './sentiment/sentiment';
import type { Evaluation } from './scorecard/evaluation';
import type { CriterionResult } from './scorecard/scorecard';

export interface Bookmark {
  text: string;
  startTime: number;
  /** `phrase`: where a scorecard phrase was said; `keyword`: first mention of a keyword. */
  type: 'phrase' | 'keyword';
}

/** Per input sentence, in the same order: what the transcript view shows beside each line. */
export interface SentenceInsight {
  sentiment: number;
  sentimentLabel: SentimentLabel;
  /** The text with PII spans replaced by `[PHONE_NUMBER]` etc.; equal to the text when there is none. */
  redactedText: string;
}

export interface AnalysisEngineInfo {
  sentiment: 'lexicon';
  summary: 'extractive' | 'llm';
  /** The version of the metric definitions (docs/metrics.md) the metrics were computed with. */
  metricsVersion?: number;
  /** The sentence encoder that matched criteria by meaning, when one did. */
  meaning?: string;
}

/**
 * An analysis as api.md "Analyses" shows it, without the ids and timestamps persistence adds, plus `sentences`
 * (per-sentence sentiment and redacted text) which the pipeline stores with the transcript.
 */
export interface AnalysisResult {
  qualityScore: number;
  complianceStatus: 'passed' | 'failed';
  categories: Record<string, number>;
  criteria: CriterionResult[];
  evaluation: Evaluation;
  summary: string;
  improvements: string[];
  sentiment: SentimentSummary;
  metrics: ConversationMetrics;
  keywords: string[];
  bookmarks: Bookmark[];
  pii: PiiSpan[];
  engine: AnalysisEngineInfo;
  sentences: SentenceInsight[];
}
