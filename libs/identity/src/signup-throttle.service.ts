import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { tooManySignups } from './identity.errors';
import { retryAfterSeconds, ThrottleRedis } from './throttle-redis';

const WINDOW_SECONDS = 3600;

/**
 * Counts sign-ups per client address in Redis (shared by every API process), in windows of an hour from the
 * address's first sign-up: each creates an organisation, so an open endpoint must not create them without bound.
 */
@Injectable()
export class SignupThrottleService {
  constructor(
    private readonly config: AppConfig,
    private readonly counters: ThrottleRedis,
  ) {}

  /** Counts this sign-up; throws RATE_LIMITED with Retry-After once the address is over its hourly allowance. */
  async take(ip: string): Promise<void> {
    const key = `${this.config.QUEUE_PREFIX}:signups:ip:${ip}`;
    const results = await this.counters.client
      .multi()
      .incr(key)
      .expire(key, WINDOW_SECONDS, 'NX')
      .pttl(key)
      .exec();
    const count = Number(results?.[0]?.[1] ?? 0);
    const ttlMs = Number(results?.[2]?.[1] ?? -1);
    if (count > this.config.SIGNUP_MAX_PER_ADDRESS_PER_HOUR)
      throw tooManySignups(retryAfterSeconds(ttlMs, WINDOW_SECONDS));
  }
}
