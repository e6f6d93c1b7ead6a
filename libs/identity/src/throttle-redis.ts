import { Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '@app/core';
import { redisOptionsFromUrl } from '@app/queue';

/**
 * The one Redis connection of the identity context's counters (failed logins, sign-ups): in Redis so every API
 * process shares them. Connects on first use; a request fails fast rather than queueing while Redis is away.
 */
@Injectable()
export class ThrottleRedis implements OnModuleDestroy {
  readonly client: Redis;

  constructor(config: AppConfig) {
    this.client = new Redis({
      ...redisOptionsFromUrl(config.REDIS_URL),
      lazyConnect: true,
      maxRetriesPerRequest: 2,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.client.quit().catch(() => this.client.disconnect());
  }
}

/** Whole seconds (at least 1) until a counter expires, from its PTTL; `windowSeconds` when it has none. */
export const retryAfterSeconds = (ttlMs: number, windowSeconds: number): number =>
  Math.max(1, Math.ceil((ttlMs > 0 ? ttlMs : windowSeconds * 1000) / 1000));
