import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { AppConfig } from '@app/core';
import { JobName, QueueJobItem, QueueName } from '@app/queue';
import { DeliveriesService } from '@app/webhooks';

/** The webhooks queue: fan-out of outbox events into deliveries, and each attempt of a delivery. */
@Processor(QueueName.Webhooks)
export class WebhooksProcessor extends WorkerHost implements OnApplicationBootstrap {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly config: AppConfig,
  ) {
    super();
  }

  /** Deliveries mostly wait on receivers, so many run at once (WEBHOOKS_CONCURRENCY per worker process). */
  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.WEBHOOKS_CONCURRENCY;
  }

  async process(job: Job): Promise<unknown> {
    const item = { name: job.name, data: job.data } as QueueJobItem<QueueName.Webhooks>;
    switch (item.name) {
      case JobName.DispatchEvent:
        return { deliveries: await this.deliveries.dispatch(item.data.orgId, item.data.eventId) };
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
