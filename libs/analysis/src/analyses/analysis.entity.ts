import { Column, Entity, Unique } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { Bookmark, SentenceInsight, AnalysisEngineInfo } from '../analysis-result';
import type { ConversationMetrics } from '../metrics/conversation-metrics';
import type { PiiSpan } from '../pii/pii-detector';
import type { Evaluation } from '../scorecard/evaluation';
import type { CriterionResult } from '../scorecard/scorecard';
import type { SentimentLabel, SentimentSummary } from '../sentiment/sentiment';

/** One analysis of one version of a record; a re-analysis is a new row with the next version. */
@Entity('analyses')
@Unique('analyses_record_version_unique', ['recordId', 'version'])
export class AnalysisEntity extends TenantEntity {
  @Column('text')
  recordId: string;

  @Column('text')
  profileId: string;

  @Column('integer')
  version: number;

  @Column('integer')
  qualityScore: number;

  @Column('text')
  complianceStatus: 'passed' | 'failed';

  @Column('jsonb')
  categories: Record<string, number>;

  @Column('jsonb')
  criteria: CriterionResult[];

  /** The evaluation tree (api.md "Coaching"); null on analyses made before evaluations existed. */
  @Column('jsonb', { nullable: true })
  evaluation: Evaluation | null;

  @Column('text')
  summary: string;

  @Column('jsonb')
  improvements: string[];

  @Column('jsonb')
  sentiment: SentimentSummary;

  /** Copies of sentiment.label / .score as columns, for filters and project statistics. */
  @Column('text')
  sentimentLabel: SentimentLabel;

  @Column('double precision')
  sentimentScore: number;

  @Column('jsonb')
  metrics: ConversationMetrics;

  @Column('jsonb')
  keywords: string[];

  @Column('jsonb')
  bookmarks: Bookmark[];

  @Column('jsonb')
  pii: PiiSpan[];

  @Column('jsonb')
  engine: AnalysisEngineInfo;

  /** Per-sentence sentiment and redacted text, in transcript order. */
  @Column('jsonb')
  sentences: SentenceInsight[];
}
