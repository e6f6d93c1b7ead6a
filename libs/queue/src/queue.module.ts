import { BullModule } from '@nestjs/bullmq';
import { Global, Logger, Module, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { AppConfig } from '@app/core';
import { QueueName } from './job.catalogue';
import { JobsService } from './jobs.service';
import { redisOptionsFromUrl } from './redis-options';

const queues = Object.values(QueueName).map((name) => ({ name }));

/** Registers every queue on the shared Redis connection settings; both api and worker import it. */
@Global()
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        connection: { ...redisOptionsFromUrl(config.REDIS_URL), maxRetriesPerRequest: null },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    BullModule.registerQueue(...queues),
  ],
  providers: [JobsService],
  exports: [JobsService, BullModule],
})
export class QueueModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('Queue');

  constructor(@InjectQueue(QueueName.Maintenance) private readonly probe: Queue) {}

  /** Queues lose jobs silently when Redis evicts keys: say so loudly at start. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const client = (await this.probe.client) as unknown as Redis;
      const reply = (await client.config('GET', 'maxmemory-policy')) as string[];
      const policy = reply[1];
      if (policy !== 'noeviction') {
        this.logger.warn(
          `Redis maxmemory-policy is "${policy}", not "noeviction": queued jobs can be evicted and lost. ` +
            'Set maxmemory-policy noeviction on this Redis.',
        );
      }
    } catch (error) {
      this.logger.warn(`Could not read Redis maxmemory-policy: ${(error as Error).message}`);
    }
  }
}
