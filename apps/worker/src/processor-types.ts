import { AlertingProcessor } from './alerting.processor';
import { AnalysisProcessor } from './analysis.processor';
import { IngestProcessor } from './ingest.processor';
import { MaintenanceProcessor } from './maintenance.processor';
import { TranscriptionProcessor } from './transcription.processor';
import { WebhooksProcessor } from './webhooks.processor';

/** Every queue processor of the worker (drained on shutdown, counted by JobMetrics). */
export const PROCESSOR_TYPES = [
  MaintenanceProcessor,
  TranscriptionProcessor,
  AnalysisProcessor,
  AlertingProcessor,
  WebhooksProcessor,
  IngestProcessor,
] as const;
