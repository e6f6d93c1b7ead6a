import type { JobsOptions } from 'bullmq';

/** One BullMQ queue per pipeline stage, plus URL pulls and housekeeping (architecture.md "The pipeline"). */
export enum QueueName {
  Transcription = 'transcription',
  Analysis = 'analysis',
  Alerting = 'alerting',
  Webhooks = 'webhooks',
  Ingest = 'ingest',
  Maintenance = 'maintenance',
}

export enum JobName {
  TranscribeRecord = 'transcription.record',
  AnalyzeRecord = 'analysis.record',
  EvaluateAlerts = 'alerting.record',
  SendAlertEmail = 'alerting.email',
  DispatchEvent = 'webhooks.dispatch',
  DeliverWebhook = 'webhooks.deliver',
  SweepWebhookDeliveries = 'webhooks.sweep',
  IngestUrl = 'ingest.url',
  SweepTempFiles = 'maintenance.sweep-temp-files',
  LandBucketUploads = 'maintenance.land-bucket-uploads',
  ReconcilePipeline = 'maintenance.reconcile-pipeline',
  RescoreProfile = 'maintenance.rescore-profile',
  ApplyRetention = 'maintenance.apply-retention',
  ErasePerson = 'maintenance.erase-person',
  MergeImportedMedia = 'maintenance.merge-imported-media',
}

/** A stage job carries ids only; the record row carries the state. */
export interface StageJobData {
  recordId: string;
  orgId: string;
  version: number;
}

export interface JobPayloads {
  [JobName.TranscribeRecord]: StageJobData;
  [JobName.AnalyzeRecord]: StageJobData;
  [JobName.EvaluateAlerts]: StageJobData;
  /** The email of one alert event to its rule's recipients (frozen on the event row). */
  [JobName.SendAlertEmail]: { eventId: string; orgId: string };
  /** An outbox event to fan out to the organisation's subscribed endpoints. */
  [JobName.DispatchEvent]: { eventId: string; orgId: string };
  /** One attempt of a delivery; `attempt` counts across redeliveries so every attempt has its own job id. */
  [JobName.DeliverWebhook]: { deliveryId: string; orgId: string; attempt: number };
  /** Re-enqueues attempts that are overdue because their job was lost (enqueue failed after a commit). */
  [JobName.SweepWebhookDeliveries]: Record<string, never>;
  [JobName.IngestUrl]: { recordId: string; orgId: string };
  [JobName.SweepTempFiles]: Record<string, never>;
  /** Two-step uploads PUT straight to the bucket are looked for and moved on (the bucket's "event"). */
  [JobName.LandBucketUploads]: Record<string, never>;
  [JobName.ReconcilePipeline]: Record<string, never>;
  /** One batch of a profile re-score; each batch enqueues the next, so other maintenance work runs in between. */
  [JobName.RescoreProfile]: { rescoreId: string; orgId: string; batch: number };
  /** Retention policies of one organisation (POST /retention-policies/run), or of all of them (the hourly run). */
  [JobName.ApplyRetention]: { orgId?: string; requestedBy?: { type: 'user' | 'client'; id: string } };
  [JobName.ErasePerson]: { orgId: string; erasureId: string };
  /** A re-import added media to a call: join its files again (`mediaCount` files) and run it again. */
  [JobName.MergeImportedMedia]: { orgId: string; recordId: string; mediaCount: number };
}

export type JobOf<N extends JobName> = JobPayloads[N];

/** The discriminated union of every job; a switch over `name` is checked for exhaustiveness. */
export type JobItem = { [N in JobName]: { name: N; data: JobPayloads[N] } }[JobName];

/** The jobs each queue runs; a processor switches exhaustively over `QueueJobItem<its queue>`. */
export interface QueueJobs {
  [QueueName.Transcription]: JobName.TranscribeRecord;
  [QueueName.Analysis]: JobName.AnalyzeRecord;
  [QueueName.Alerting]: JobName.EvaluateAlerts | JobName.SendAlertEmail;
  [QueueName.Webhooks]: JobName.DispatchEvent | JobName.DeliverWebhook | JobName.SweepWebhookDeliveries;
  [QueueName.Ingest]: JobName.IngestUrl;
  [QueueName.Maintenance]:
    | JobName.SweepTempFiles
    | JobName.LandBucketUploads
    | JobName.ReconcilePipeline
    | JobName.RescoreProfile
    | JobName.ApplyRetention
    | JobName.ErasePerson
    | JobName.MergeImportedMedia;
}

export type QueueJobItem<Q extends QueueName> = Extract<JobItem, { name: QueueJobs[Q] }>;

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.TranscribeRecord]: QueueName.Transcription,
  [JobName.AnalyzeRecord]: QueueName.Analysis,
  [JobName.EvaluateAlerts]: QueueName.Alerting,
  [JobName.SendAlertEmail]: QueueName.Alerting,
  [JobName.DispatchEvent]: QueueName.Webhooks,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.SweepWebhookDeliveries]: QueueName.Webhooks,
  [JobName.IngestUrl]: QueueName.Ingest,
  [JobName.SweepTempFiles]: QueueName.Maintenance,
  [JobName.LandBucketUploads]: QueueName.Maintenance,
  [JobName.ReconcilePipeline]: QueueName.Maintenance,
  [JobName.RescoreProfile]: QueueName.Maintenance,
  [JobName.ApplyRetention]: QueueName.Maintenance,
  [JobName.ErasePerson]: QueueName.Maintenance,
  [JobName.MergeImportedMedia]: QueueName.Maintenance,
};

/** Finished jobs are dropped by age and count so Redis memory stays flat, and a stale id cannot block a re-run. */
export const KEEP_COMPLETED = { age: 3600, count: 1000 } as const;
export const KEEP_FAILED = { age: 7 * 24 * 3600, count: 5000 } as const;

/** Retry policy per kind of work, as named constants beside the job names. */
export const RETRY_STAGE: JobsOptions = { attempts: 5, backoff: { type: 'exponential', delay: 2000 } };
export const RETRY_INGEST: JobsOptions = { attempts: 4, backoff: { type: 'exponential', delay: 5000 } };
export const RETRY_NONE: JobsOptions = { attempts: 1 };
/** A merge waits for the call's current processing to end: retried with a growing pause, about two hours in all. */
export const RETRY_MERGE: JobsOptions = { attempts: 12, backoff: { type: 'exponential', delay: 2000 } };
/** An SMTP server that is down for a while: retried for about an hour before the email is given up. */
export const RETRY_EMAIL: JobsOptions = { attempts: 8, backoff: { type: 'exponential', delay: 30_000 } };

const stageJobId = (stage: string, data: StageJobData) => `${data.recordId}:${stage}:${data.version}`;

/** Job id and retry options per job: deterministic ids make a duplicate enqueue a no-op. */
export function optionsFor(job: JobItem): JobsOptions {
  const base = { removeOnComplete: KEEP_COMPLETED, removeOnFail: KEEP_FAILED };
  switch (job.name) {
    case JobName.TranscribeRecord:
      return { ...base, ...RETRY_STAGE, jobId: stageJobId('transcription', job.data) };
    case JobName.AnalyzeRecord:
      return { ...base, ...RETRY_STAGE, jobId: stageJobId('analysis', job.data) };
    case JobName.EvaluateAlerts:
      return { ...base, ...RETRY_STAGE, jobId: stageJobId('alerting', job.data) };
    case JobName.SendAlertEmail:
      // One email per alert event: enqueueing it again (a retried stage, a sweep) is a no-op.
      return { ...base, ...RETRY_EMAIL, jobId: `${job.data.eventId}:email:0` };
    case JobName.DispatchEvent:
      // One dispatch per event: the relay may hand the same event over twice, the job id keeps it once.
      // (BullMQ refuses custom ids with a ':' unless they have exactly three parts.)
      return { ...base, ...RETRY_STAGE, jobId: `${job.data.eventId}:dispatch:0` };
    case JobName.DeliverWebhook:
      // Webhook retries follow their own schedule in the delivery row, one job per attempt; the BullMQ retries
      // only cover a crash or an unreachable database/Redis, the attempt itself is idempotent.
      return { ...base, ...RETRY_STAGE, jobId: `${job.data.deliveryId}:deliver:${job.data.attempt}` };
    case JobName.IngestUrl:
      return { ...base, ...RETRY_INGEST, jobId: `${job.data.recordId}:ingest:0` };
    case JobName.RescoreProfile:
      return { ...base, ...RETRY_STAGE, jobId: `${job.data.rescoreId}:rescore:${job.data.batch}` };
    case JobName.ErasePerson:
      // One run per request; a retried run finds what is left (purges are idempotent).
      return { ...base, ...RETRY_STAGE, jobId: `${job.data.erasureId}:erase:0` };
    case JobName.MergeImportedMedia:
      // One rebuild per set of media; while the call is being processed it is refused and retried (about 2 hours).
      return {
        ...base,
        ...RETRY_MERGE,
        jobId: `${job.data.recordId}:merge:${job.data.mediaCount}`,
      };
    case JobName.SweepTempFiles:
    case JobName.LandBucketUploads:
    case JobName.ReconcilePipeline:
    case JobName.ApplyRetention:
    case JobName.SweepWebhookDeliveries:
      return { ...base, ...RETRY_NONE };
    default: {
      const unhandled: never = job;
      throw new Error(`No options for job ${JSON.stringify(unhandled)}`);
    }
  }
}
