import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Job } from 'bullmq';
import { tmpdir } from 'node:os';
import { AppConfig } from '@app/core';
import { ProfileRescorer, ReconcilerService } from '@app/pipeline';
import { JobName, JobsService, QueueJobItem, QueueName } from '@app/queue';
import { SYSTEM } from '@app/audit';
import { ErasureService } from '@app/privacy';
import {
  AbandonedUploadsService,
  BucketUploadsService,
  ImportService,
  removeEntriesOlderThan,
  STORAGE_DRIVER,
  type StorageDriver,
} from '@app/records';
import { RetentionRunner } from '@app/retention';

const SWEEP_EVERY_MS = 3600_000;
/** How soon a PUT straight to the bucket is noticed when the client does not call upload-complete. */
const LAND_UPLOADS_EVERY_MS = 3000;
/** api.md: retention policies apply at least hourly. */
const RETENTION_EVERY_MS = 3600_000;
/** Work folders of audio preparation and redaction (libs/transcription, libs/records). */
const WORK_FOLDER = /^parley-(asr|redact)-/;
/** Schedules live in Redis; re-registering them now and then brings them back after Redis lost its data. */
const RESCHEDULE_EVERY_MS = 60_000;

/**
 * Housekeeping: unfinished upload files are removed once they are old, records stuck in a stage are re-driven, and
 * profile re-scores run batch by batch.
 */
@Processor(QueueName.Maintenance)
export class MaintenanceProcessor
  extends WorkerHost
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  private readonly logger = new Logger(MaintenanceProcessor.name);
  private rescheduler?: NodeJS.Timeout;

  constructor(
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly reconciler: ReconcilerService,
    private readonly abandonedUploads: AbandonedUploadsService,
    private readonly rescorer: ProfileRescorer,
    private readonly imports: ImportService,
    private readonly retention: RetentionRunner,
    private readonly erasure: ErasureService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly bucketUploads: BucketUploadsService,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.registerSchedules();
    this.rescheduler = setInterval(
      () =>
        void this.registerSchedules().catch((error: Error) =>
          this.logger.warn(`Could not register maintenance schedules: ${error.message}`),
        ),
      RESCHEDULE_EVERY_MS,
    );
  }

  onApplicationShutdown(): void {
    clearInterval(this.rescheduler);
  }

  private async registerSchedules(): Promise<void> {
    await this.jobs.schedule({ name: JobName.SweepTempFiles, data: {} }, SWEEP_EVERY_MS);
    await this.jobs.schedule({ name: JobName.ApplyRetention, data: {} }, RETENTION_EVERY_MS);
    if (this.bucketUploads.direct)
      await this.jobs.schedule({ name: JobName.LandBucketUploads, data: {} }, LAND_UPLOADS_EVERY_MS);
    await this.jobs.schedule(
      { name: JobName.ReconcilePipeline, data: {} },
      this.config.PIPELINE_RECONCILE_EVERY_SECONDS * 1000,
    );
  }

  async process(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Maintenance>;
    switch (item.name) {
      case JobName.SweepTempFiles: {
        const files = await this.sweepTempFiles();
        const reservations = await this.abandonedUploads.sweep();
        return { removed: files.removed, reservationsRemoved: reservations.removed };
      }
      case JobName.LandBucketUploads:
        return this.bucketUploads.landPending();
      case JobName.ReconcilePipeline:
        return this.reconciler.reconcile();
      case JobName.RescoreProfile:
        return this.rescorer.runBatch(item.data);
      case JobName.ErasePerson:
        return this.erasure.run(item.data);
      case JobName.MergeImportedMedia:
        return this.imports.rebuildMerged(item.data.orgId, item.data.recordId);
      case JobName.ApplyRetention:
        return item.data.orgId
          ? this.retention.run(item.data.orgId, item.data.requestedBy ?? SYSTEM)
          : this.retention.runAll();
      default: {
        const unknown: never = item;
        throw new Error(`maintenance queue cannot run job ${JSON.stringify(unknown)}`);
      }
    }
  }

  /**
   * Removes temporary objects of the store (and their local copies) older than STORAGE_TEMP_MAX_AGE_SECONDS, and the audio work folders a killed
   * worker left in the system temp folder (recognition tracks, redaction copies).
   */
  async sweepTempFiles(now = Date.now()): Promise<{ removed: number }> {
    const cutoff = now - this.config.STORAGE_TEMP_MAX_AGE_SECONDS * 1000;
    const removed =
      (await this.storage.sweepTemp(cutoff)) +
      (await removeEntriesOlderThan(tmpdir(), cutoff, (name) => WORK_FOLDER.test(name)));
    if (removed > 0) this.logger.log(`Swept ${removed} stale temporary file(s)`);
    return { removed };
  }
}
