import { Injectable } from '@nestjs/common';
import { DeliveriesRepository, deliveryKey } from './deliveries.repository';
import { DeliveryAttempt } from './delivery-attempt.entity';

/** Larger batches wait behind one long statement; this many still settle in a few milliseconds. */
const MAX_BATCH = 200;
const DEADLOCK = '40P01';

interface Waiting {
  attempt: DeliveryAttempt;
  resolve: (settled: boolean) => void;
  reject: (error: unknown) => void;
}

/**
 * Settles successful attempts in batches: while one statement is on its way, the successes that arrive meanwhile
 * wait and go together in the next. An idle worker settles each at once; a busy one writes one statement and one
 * commit for many deliveries instead of one each, which is most of what the database spends on a delivery.
 * A failed batch fails every attempt in it, so each job is retried as it would be alone (at least once).
 */
@Injectable()
export class SuccessRecorder {
  private waiting: Waiting[] = [];
  private flushing = false;

  constructor(private readonly deliveries: DeliveriesRepository) {}

  /** Resolves true when the delivery was settled, false when it no longer waited for this attempt. */
  record(attempt: DeliveryAttempt): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ attempt, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, MAX_BATCH);
        try {
          const settled = await this.settle(batch.map((entry) => entry.attempt));
          for (const entry of batch)
            entry.resolve(settled.delete(deliveryKey(entry.attempt.deliveryId, entry.attempt.attempt)));
        } catch (error) {
          for (const entry of batch) entry.reject(error);
        }
      }
    } finally {
      // Whatever happened, the next success starts a flush again rather than waiting forever.
      this.flushing = false;
    }
  }

  /** Batches of two workers can meet on an endpoint's failing streak; the loser of such a deadlock goes again. */
  private async settle(attempts: DeliveryAttempt[]): Promise<Set<string>> {
    try {
      return await this.deliveries.recordSuccesses(attempts);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK) throw error;
      return this.deliveries.recordSuccesses(attempts);
    }
  }
}
