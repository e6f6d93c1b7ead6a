import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { DelayedError, Job, UnrecoverableError } from 'bullmq';
import { unavailableDependency } from '@app/core';
import { PipelineService } from '@app/pipeline';
import { StageJobData } from '@app/queue';
import { PipelineStage } from '@app/records';

const MAX_REASON = 500;
/**
 * How long a stage waits before it tries again when PostgreSQL or Redis cannot be reached. The wait spends no
 * attempt, so a stage outlives an outage of any length instead of failing its record (or leaving it stuck) after
 * five quick retries; once the service is back, the job runs within this time.
 */
export const OUTAGE_RETRY_MS = 5000;

/** A reason a person can read: the error's message, without stack or internals, bounded. */
export const readableReason = (error: Error): string =>
  (error.message || error.name || 'Unknown error').split('\n')[0].slice(0, MAX_REASON);

/**
 * What every pipeline stage processor shares: its concurrency from configuration, waiting out an outage of the
 * database or Redis without spending attempts, and marking the record failed (with record.failed) after the last
 * attempt or at once for a permanent error.
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

  /** The stage's work for one job. */
  protected abstract run(job: Job): Promise<unknown>;

  async process(job: Job, token?: string): Promise<unknown> {
    try {
      return await this.run(job);
    } catch (error) {
      const dependency = unavailableDependency(error);
      if (!dependency || !token) throw error;
      this.logger.warn(`${job.id}: ${dependency} unavailable, trying again in ${OUTAGE_RETRY_MS / 1000} s`);
      await job.moveToDelayed(Date.now() + OUTAGE_RETRY_MS, token);
      throw new DelayedError();
    }
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
