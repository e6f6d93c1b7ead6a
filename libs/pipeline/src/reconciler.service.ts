import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { JobItem, JobName, JobsService, StageJobData } from '@app/queue';
import { RecordProcessingService, StuckRecord } from '@app/records';

const BATCH = 500;

const jobFor = (record: StuckRecord): JobItem | null => {
  const data: StageJobData = { recordId: record.recordId, orgId: record.orgId, version: record.version };
  switch (record.stage) {
    case 'queued':
      // Typed transcripts enter the pipeline at analysis.
      return { name: record.type === 'transcript' ? JobName.AnalyzeRecord : JobName.TranscribeRecord, data };
    case 'transcribing':
      return { name: JobName.TranscribeRecord, data };
    case 'analyzing':
      return { name: JobName.AnalyzeRecord, data };
    case 'alerting':
      return { name: JobName.EvaluateAlerts, data };
    case 'uploading':
      // findStuck returns this stage only for URL ingests: their download job is due again.
      return { name: JobName.IngestUrl, data: { recordId: record.recordId, orgId: record.orgId } };
    case 'done':
      return null;
    default: {
      const unknown: never = record.stage;
      throw new Error(`unknown processing stage ${String(unknown)}`);
    }
  }
};

/**
 * Re-drives records stuck in a stage longer than PIPELINE_STUCK_AFTER_SECONDS (URL ingests still waiting for their
 * download included), so a job lost with Redis is not a record lost. Enqueueing uses the stage's deterministic job
 * id: a job still waiting or running is left alone.
 */
@Injectable()
export class ReconcilerService {
  private readonly logger = new Logger(ReconcilerService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly processing: RecordProcessingService,
    private readonly jobs: JobsService,
  ) {}

  async reconcile(): Promise<{ redriven: number }> {
    const stuck = await this.processing.findStuck(this.config.PIPELINE_STUCK_AFTER_SECONDS, BATCH);
    let redriven = 0;
    for (const record of stuck) {
      const job = jobFor(record);
      if (!job) continue;
      await this.jobs.enqueue(job);
      await this.processing.touch(record.orgId, record.recordId, record.version);
      redriven += 1;
    }
    if (redriven > 0) this.logger.warn(`Re-drove ${redriven} record(s) stuck in the pipeline`);
    return { redriven };
  }
}
