import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/core';
import { DatabaseService } from '@app/database';
import { JobsService, QueueCounts, QueueName, redisOptionsFromUrl } from '@app/queue';
import { STORAGE_DRIVER, type StorageDriver } from '@app/records';

export interface Readiness {
  ready: boolean;
  checks: Record<'database' | 'redis' | 'storage', { ok: boolean; error?: string }>;
  queues?: Record<QueueName, QueueCounts>;
}

async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly logger = new Logger('Health');
  /** A connection of its own that fails fast instead of queueing commands while Redis is away. */
  private readonly redis: Redis;

  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseService,
    private readonly jobs: JobsService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {
    this.redis = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => 1000,
    });
    this.redis.on('error', () => undefined);
  }

  async readiness(): Promise<Readiness> {
    const [database, redis, storage] = await Promise.all([
      this.check(() => this.database.ping(), 'PostgreSQL'),
      this.check(() => this.pingRedis(), 'Redis'),
      this.check(() => this.checkStorage(), 'Storage'),
    ]);
    const ready = database.ok && redis.ok && storage.ok;
    const queues = redis.ok
      ? await withTimeout(this.jobs.counts(), 2000, 'Redis').catch(() => undefined)
      : undefined;
    return { ready, checks: { database, redis, storage }, queues };
  }

  private async check(probe: () => Promise<unknown>, what: string): Promise<{ ok: boolean; error?: string }> {
    try {
      await withTimeout(probe(), 2000, what);
      return { ok: true };
    } catch (error) {
      // Anyone may read this answer: it names the component, never the driver's message (addresses, hosts).
      this.logger.warn(`Readiness: ${what} unavailable: ${(error as Error).message}`);
      return { ok: false, error: `${what} unavailable` };
    }
  }

  private async pingRedis(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') await this.redis.connect();
    await this.redis.ping();
  }

  private async checkStorage(): Promise<void> {
    await this.storage.checkReady();
  }

  onModuleDestroy(): void {
    this.redis.disconnect();
  }
}
