import type { ProcessingPatch, ProcessingStage } from '@app/records';

/**
 * The status machine of api.md: processingStatus / processingStage / analysisResult.status (0-5) move together.
 * pending/queued(1) → processing/transcribing(2) → processing/analyzing(3) → processing/alerting(4) →
 * completed/done(5); a failure keeps the stage code of the stage that failed and sets sentiment "ERROR".
 */
export const STATE_OF_STAGE: Record<Exclude<ProcessingStage, 'uploading'>, ProcessingPatch> = {
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
