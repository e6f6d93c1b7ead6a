import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { PipelineService } from '@app/pipeline';
import { StageJobData } from '@app/queue';
import { PipelineStage } from '@app/records';

const MAX_REASON = 500;

/** A reason a person can read: the error's message, without stack or internals, bounded. */
export const readableReason = (error: Error): string =>
  (error.message || error.name || 'Unknown error').split('\n')[0].slice(0, MAX_REASON);

/**
 * What every pipeline stage processor shares: its concurrency from configuration, and marking the record failed
 * (with record.failed) after the last attempt or at once for a permanent error.
 */
export abstract class StageProcessor extends WorkerHost implements OnModuleInit {
  protected abstract readonly stage: PipelineStage;
  protected abstract readonly concurrency: number;
  protected readonly logger = new Logger(this.constructor.name);

  constructor(protected readonly pipeline: PipelineService) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.concurrency;
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<StageJobData> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const permanent = error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
    const lastAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    if (!permanent && !lastAttempt) {
      this.logger.warn(`${job.id} attempt ${job.attemptsMade} failed, will retry: ${readableReason(error)}`);
      return;
    }
    try {
      await this.pipeline.markFailed(this.stage, job.data, readableReason(error));
    } catch (markError) {
      // The reconciliation sweep finds the record again if this write is lost.
      this.logger.error(`Could not mark ${job.data.recordId} failed: ${(markError as Error).message}`);
    }
  }
}
