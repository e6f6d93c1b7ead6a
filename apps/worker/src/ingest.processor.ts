import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { AppConfig } from '@app/core';
import { JobName, JobOf, QueueJobItem, QueueName } from '@app/queue';
import { IngestService, isPermanentIngestError } from '@app/records';

const readable = (error: Error) => (error.message || error.name || 'Unknown error').split('\n')[0];

/** Pulls audio URLs (POST /records/ingest) into records; transient failures retry, permanent ones fail at once. */
@Processor(QueueName.Ingest)
export class IngestProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(
    private readonly ingest: IngestService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  onModuleInit(): void {
    this.worker.concurrency = this.config.INGEST_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Ingest>;
    switch (item.name) {
      case JobName.IngestUrl:
        try {
          return await this.ingest.run(item.data.orgId, item.data.recordId);
        } catch (error) {
          if (isPermanentIngestError(error)) throw new UnrecoverableError(readable(error as Error));
          throw error;
        }
      default: {
        const unknown: never = item.name;
        throw new Error(`ingest queue cannot run job ${String(unknown)}`);
      }
    }
  }

  @OnWorkerEvent('failed')
  async onFailed(job: Job<JobOf<JobName.IngestUrl>> | undefined, error: Error): Promise<void> {
    if (!job) return;
    const permanent = error instanceof UnrecoverableError || error.name === 'UnrecoverableError';
    if (!permanent && job.attemptsMade < (job.opts.attempts ?? 1)) {
      this.logger.warn(`${job.id} attempt ${job.attemptsMade} failed, will retry: ${readable(error)}`);
      return;
    }
    try {
      await this.ingest.fail(job.data.orgId, job.data.recordId, readable(error));
    } catch (markError) {
      this.logger.error(`Could not mark ${job.data.recordId} failed: ${(markError as Error).message}`);
    }
  }
}
