import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '@app/core';
import { JobName, JobsService, QueueJobItem, QueueName } from '@app/queue';
import { DeliveriesService } from '@app/webhooks';

const SWEEP_EVERY_MS = 60_000;

/**
 * The webhooks queue: fan-out of outbox events into deliveries (with their first attempts), each later attempt,
 * and a sweep of lost attempts.
 */
@Processor(QueueName.Webhooks)
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
  ) {
    super();
  }

  /** Deliveries mostly wait on receivers, so many run at once (WEBHOOKS_CONCURRENCY per worker process). */
  async onApplicationBootstrap(): Promise<void> {
    this.worker.concurrency = this.config.WEBHOOKS_CONCURRENCY;
    await this.jobs.schedule({ name: JobName.SweepWebhookDeliveries, data: {} }, SWEEP_EVERY_MS);
  }

  async process(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Webhooks>;
    switch (item.name) {
      case JobName.DispatchEvent:
        return { deliveries: await this.deliveries.dispatch(item.data.orgId, item.data.eventId) };
      case JobName.SweepWebhookDeliveries:
        return { reEnqueued: await this.deliveries.sweepOverdue() };
      case JobName.DeliverWebhook:
        return {
          result: await this.deliveries.attempt(item.data.orgId, item.data.deliveryId, item.data.attempt),
        };
      default: {
        const unknown: never = item;
        throw new Error(`webhooks queue cannot run job ${JSON.stringify(unknown)}`);
      }
    }
  }
}
