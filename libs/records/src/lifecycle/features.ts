import type { RecordEntity } from '../record.entity';
import type { PipelineStage } from './processing-states';

/** Everything the pipeline produces for a record, one status each (api.md, "Record lifecycle"). */
export const FEATURE_NAMES = [
  'transcription',
  'redaction',
  'metrics',
  'sentiment',
  'summary',
  'scorecard',
  'followups',
  'crmMatch',
  'alerts',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];

export const FEATURE_STATUSES = ['pending', 'running', 'ok', 'failed', 'skipped', 'not_supported'] as const;
export type FeatureStatus = (typeof FEATURE_STATUSES)[number];

export interface FeatureState {
  status: FeatureStatus;
  /** Why a feature failed, was skipped or cannot run ("no speech", "language fr is not supported by sentiment"). */
  reason?: string;
  engine?: string;
  model?: string;
  startedAt?: string;
  finishedAt?: string;
  /** Times the stage that owns it started on it for the record's current version. */
  attempts: number;
}

export type RecordFeatures = Partial<Record<FeatureName, FeatureState>>;

/** What a stage writes about a feature when it ends; merged into what the stage's start wrote (startedAt, attempts). */
export type FeatureOutcome = Omit<FeatureState, 'attempts' | 'startedAt'>;

/** The stage that writes each feature. Features no stage produces yet are answered by FEATURES_NOT_BUILT. */
export const FEATURES_OF_STAGE: Record<PipelineStage, FeatureName[]> = {
  transcription: ['transcription'],
  analysis: ['redaction', 'metrics', 'sentiment', 'summary', 'scorecard', 'followups', 'crmMatch'],
  alerting: ['alerts'],
};

/** Features of the contract that this version does not produce, with the reason shown for them. */
export const FEATURES_NOT_BUILT: Partial<Record<FeatureName, string>> = {};

/**
 * Every feature of a record as the API shows it: what the stages wrote, and for the rest `pending` (its stage has
 * not run for this version yet), or `not_supported` with the reason for what no stage produces.
 */
export function presentFeatures(record: Pick<RecordEntity, 'features'>): Record<FeatureName, FeatureState> {
  const stored = record.features ?? {};
  return Object.fromEntries(
    FEATURE_NAMES.map((name) => {
      const state = stored[name];
      if (state) return [name, state];
      const notBuilt = FEATURES_NOT_BUILT[name];
      return [
        name,
        notBuilt
          ? { status: 'not_supported', reason: notBuilt, attempts: 0 }
          : { status: 'pending', attempts: 0 },
      ];
    }),
  ) as Record<FeatureName, FeatureState>;
}
