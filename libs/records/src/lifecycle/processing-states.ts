import { JobItem, JobName } from '@app/queue';
import type { ProcessingStage, RecordEntity } from '../record.entity';

/** The processing columns a lifecycle transition writes (with what a stage stores on the record beside them). */
export type ProcessingPatch = Partial<
  Pick<
    RecordEntity,
    | 'processingStatus'
    | 'processingStage'
    | 'analysisStatus'
    | 'processingErrors'
    | 'pipelineVersion'
    | 'qualityScore'
    | 'sentimentScore'
    | 'sentimentLabel'
    | 'language'
    | 'completedAt'
    | 'analysisProfileId'
    | 'features'
  >
>;

/**
 * The status machine of api.md: processingStatus / processingStage / analysisResult.status (0-5) move together.
 * pending/uploading(0) → pending/queued(1) → processing/transcribing(2) → processing/analyzing(3) →
 * processing/alerting(4) → completed/done(5); a failure keeps the stage code of the stage that failed and sets
 * sentiment "ERROR". This file is the one answer to "which state comes next".
 */
export const STATE_OF_STAGE: Record<ProcessingStage, ProcessingPatch> = {
  uploading: { processingStatus: 'pending', processingStage: 'uploading', analysisStatus: 0 },
  queued: { processingStatus: 'pending', processingStage: 'queued', analysisStatus: 1 },
  transcribing: { processingStatus: 'processing', processingStage: 'transcribing', analysisStatus: 2 },
  analyzing: { processingStatus: 'processing', processingStage: 'analyzing', analysisStatus: 3 },
  alerting: { processingStatus: 'processing', processingStage: 'alerting', analysisStatus: 4 },
  done: { processingStatus: 'completed', processingStage: 'done', analysisStatus: 5 },
};

/** The pipeline stages that run as jobs, in order. */
export type PipelineStage = 'transcription' | 'analysis' | 'alerting';

/** The record stages from which a stage job may start: its own queued state, or its own stage on a retry. */
export const STARTS_FROM: Record<PipelineStage, ProcessingStage[]> = {
  transcription: ['queued', 'transcribing'],
  analysis: ['queued', 'analyzing'],
  alerting: ['alerting'],
};

export const RECORD_STAGE_OF: Record<PipelineStage, 'transcribing' | 'analyzing' | 'alerting'> = {
  transcription: 'transcribing',
  analysis: 'analyzing',
  alerting: 'alerting',
};

/** What a stage moves its record to when its work is written. */
export const NEXT_STATE: Record<PipelineStage, ProcessingPatch> = {
  transcription: STATE_OF_STAGE.analyzing,
  analysis: STATE_OF_STAGE.alerting,
  alerting: STATE_OF_STAGE.done,
};

/** The job that runs a stage, for the stage that comes after it (null: the record is done). */
export const NEXT_JOB: Record<PipelineStage, JobName | null> = {
  transcription: JobName.AnalyzeRecord,
  analysis: JobName.EvaluateAlerts,
  alerting: null,
};

/** A failure in a stage: the record keeps that stage and its progress code. */
export function failedState(stage: PipelineStage): ProcessingPatch {
  const recordStage = RECORD_STAGE_OF[stage];
  return {
    processingStatus: 'failed',
    processingStage: recordStage,
    analysisStatus: STATE_OF_STAGE[recordStage].analysisStatus,
    sentimentLabel: 'ERROR',
  };
}

/**
 * The job that moves a record on from where it is, or null when nothing is due (done, failed, or a two-step upload
 * still waiting for its client). Records that arrive with their words (typed transcripts) skip transcription.
 */
export function jobToContinue(
  record: Pick<
    RecordEntity,
    'id' | 'orgId' | 'pipelineVersion' | 'processingStatus' | 'processingStage' | 'type'
  > & {
    sourceUrl?: string | null;
  },
): JobItem | null {
  if (record.processingStatus === 'completed' || record.processingStatus === 'failed') return null;
  const data = { recordId: record.id, orgId: record.orgId, version: record.pipelineVersion };
  switch (record.processingStage) {
    case 'uploading':
      // Only a URL ingest fetches its own bytes; other uploads wait for their client.
      return record.sourceUrl
        ? { name: JobName.IngestUrl, data: { recordId: record.id, orgId: record.orgId } }
        : null;
    case 'queued':
      return { name: record.type === 'transcript' ? JobName.AnalyzeRecord : JobName.TranscribeRecord, data };
    case 'transcribing':
      return { name: JobName.TranscribeRecord, data };
    case 'analyzing':
      return { name: JobName.AnalyzeRecord, data };
    case 'alerting':
      return { name: JobName.EvaluateAlerts, data };
    case 'done':
      return null;
    default: {
      const unknown: never = record.processingStage;
      throw new Error(`unknown processing stage ${String(unknown)}`);
    }
  }
}
