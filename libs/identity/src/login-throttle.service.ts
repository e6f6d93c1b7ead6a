import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { tooManyLogins } from './identity.errors';
import { sha256 } from './secrets';
import { retryAfterSeconds, ThrottleRedis } from './throttle-redis';

/** One client address may fail this many times more than one email: a shared office NAT is not an attacker. */
const IP_FACTOR = 10;

/**
 * Counts failed logins in Redis so every API process shares the same counters: per email and per client
 * address, each expiring LOGIN_LOCK_SECONDS after its first failure. Emails are hashed: no addresses in Redis.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly config: AppConfig,
    private readonly counters: ThrottleRedis,
  ) {}

  /** Throws RATE_LIMITED with Retry-After when either counter is exhausted. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const limits = this.limits(email, ip);
    const results = await this.counters.client
      .multi(limits.flatMap(([key]) => [['get', key] as [string, string], ['pttl', key] as [string, string]]))
      .exec();
    for (let i = 0; i < limits.length; i++) {
      const count = Number(results?.[i * 2]?.[1] ?? 0);
      const ttlMs = Number(results?.[i * 2 + 1]?.[1] ?? -1);
      if (count >= limits[i][1]) {
        throw tooManyLogins(retryAfterSeconds(ttlMs, this.config.LOGIN_LOCK_SECONDS));
      }
    }
  }

  async recordFailure(email: string, ip: string): Promise<void> {
    const pipeline = this.counters.client.multi();
    for (const [key] of this.limits(email, ip)) {
      pipeline.incr(key);
      pipeline.expire(key, this.config.LOGIN_LOCK_SECONDS, 'NX');
    }
    await pipeline.exec();
  }

  /** A successful login clears the email's counter (not the address's: one success proves nothing about others). */
  async recordSuccess(email: string): Promise<void> {
    await this.counters.client.del(this.emailKey(email));
  }

  private limits(email: string, ip: string): [string, number][] {
    return [
      [this.emailKey(email), this.config.LOGIN_MAX_FAILURES],
      [`${this.config.QUEUE_PREFIX}:login-failures:ip:${ip}`, this.config.LOGIN_MAX_FAILURES * IP_FACTOR],
    ];
  }

  private emailKey(email: string): string {
    return `${this.config.QUEUE_PREFIX}:login-failures:email:${sha256(email)}`;
  }
}
