import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { DependencyUnavailableError } from '@app/core';
import { Job, JobsOptions, Queue } from 'bullmq';
import { JobItem, optionsFor, QUEUE_OF_JOB, QueueName } from './job.catalogue';

export interface QueueCounts {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

/** Longest a caller waits on a queue write or read before it is told Redis is unavailable. */
export const ENQUEUE_WAIT_MS = 3000;

function withinWait<T>(work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new DependencyUnavailableError('redis', `Redis did not answer within ${ENQUEUE_WAIT_MS / 1000} s`),
        ),
      ENQUEUE_WAIT_MS,
    );
  });
  // The write itself is not abandoned: if it fails later, nobody waits for it any more.
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The one gateway to the queues: picks the queue, job id and retry options from the job name. */
@Injectable()
export class JobsService {
  private readonly queues: Record<QueueName, Queue>;

  constructor(
    @InjectQueue(QueueName.Transcription) transcription: Queue,
    @InjectQueue(QueueName.Analysis) analysis: Queue,
    @InjectQueue(QueueName.Alerting) alerting: Queue,
    @InjectQueue(QueueName.Webhooks) webhooks: Queue,
    @InjectQueue(QueueName.Ingest) ingest: Queue,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
  ) {
    this.queues = { transcription, analysis, alerting, webhooks, ingest, maintenance };
  }

  /**
   * Adds the job. While Redis is unreachable the client keeps the write until it returns (and then performs it:
   * deterministic ids make a late write harmless); the caller is not kept waiting for the outage, it gets a
   * DependencyUnavailableError after ENQUEUE_WAIT_MS.
   */
  enqueue(job: JobItem, overrides: Pick<JobsOptions, 'delay'> = {}): Promise<Job> {
    return withinWait(
      this.queues[QUEUE_OF_JOB[job.name]].add(job.name, job.data, { ...optionsFor(job), ...overrides }),
    );
  }

  /**
   * Enqueues a job again under its deterministic id. A job still waiting, delayed or running under that id is left
   * alone (it will do the work); one that already failed or completed is removed first, since BullMQ would
   * otherwise treat the new one as a duplicate and drop it, and the record would stay where it is.
   */
  async redrive(job: JobItem): Promise<'queued' | 'already queued'> {
    const existing = await this.existing(job);
    if (existing?.pending) return 'already queued';
    await existing?.job.remove();
    await withinWait(this.queues[QUEUE_OF_JOB[job.name]].add(job.name, job.data, optionsFor(job)));
    return 'queued';
  }

  /** Whether a job with this item's deterministic id is waiting, delayed or running (false when it ended or is gone). */
  async isPending(job: JobItem): Promise<boolean> {
    return (await this.existing(job))?.pending ?? false;
  }

  /** The job under this item's deterministic id, if there is one, and whether it has still to run or is running. */
  private async existing(item: JobItem): Promise<{ job: Job; pending: boolean } | null> {
    const { jobId } = optionsFor(item);
    if (!jobId) return null;
    const job = await withinWait(this.queues[QUEUE_OF_JOB[item.name]].getJob(jobId));
    if (!job) return null;
    const state = await withinWait(job.getState());
    if (state === 'unknown') return null;
    return { job, pending: state !== 'completed' && state !== 'failed' };
  }

  /** Registers (or updates) a job that repeats every `everyMs`; safe to call from every worker at start. */
  async schedule(job: JobItem, everyMs: number): Promise<void> {
    const { removeOnComplete, removeOnFail } = optionsFor(job);
    await this.queues[QUEUE_OF_JOB[job.name]].upsertJobScheduler(
      job.name,
      { every: everyMs },
      { name: job.name, data: job.data, opts: { removeOnComplete, removeOnFail } },
    );
  }

  async counts(): Promise<Record<QueueName, QueueCounts>> {
    return withinWait(this.readCounts());
  }

  private async readCounts(): Promise<Record<QueueName, QueueCounts>> {
    const entries = await Promise.all(
      Object.entries(this.queues).map(async ([name, queue]) => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return [name, counts as unknown as QueueCounts] as const;
      }),
    );
    return Object.fromEntries(entries) as Record<QueueName, QueueCounts>;
  }
}
