import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { DatabaseService } from '@app/database';
import { JobName, JobsService } from '@app/queue';

const BATCH = 200;

/**
 * Moves committed outbox events to the webhooks queue. Runs in worker processes; several relays share the work
 * with SKIP LOCKED. An event is marked relayed only in the transaction that handed it to Redis, so while Redis is
 * away events wait in PostgreSQL and go out once it is back; a double hand-over is absorbed by the job id.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;
  private failing = false;

  constructor(
    private readonly database: DatabaseService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.relayNow(), this.config.OUTBOX_RELAY_INTERVAL_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }

  /** Relays what is pending now; overlapping calls share one pass. Returns how many events went out. */
  relayNow(): Promise<number> {
    if (!this.running) {
      this.running = this.relayAll().finally(() => (this.running = undefined));
    }
    return this.running;
  }

  private async relayAll(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const moved = await this.relayBatch();
        total += moved;
        if (moved < BATCH) break;
      }
      if (this.failing) this.logger.log('Outbox relay recovered');
      this.failing = false;
    } catch (error) {
      if (!this.failing)
        this.logger.warn(`Outbox relay paused, events kept in PostgreSQL: ${(error as Error).message}`);
      this.failing = true;
    }
    return total;
  }

  private relayBatch(): Promise<number> {
    return this.database.transaction(async (manager) => {
      // An event no enabled endpoint subscribes to (most of them, in an organisation without webhooks) has nothing
      // to fan out: it is marked relayed without a job, by the same test the fan-out applies.
      const rows: Array<{ id: string; org_id: string; subscribed: boolean }> = await manager.query(
        `SELECT e.id, e.org_id,
                EXISTS (SELECT 1 FROM webhook_endpoints w
                         WHERE w.org_id = e.org_id AND w.enabled AND e.type = ANY (w.events)) AS subscribed
           FROM outbox_events e WHERE e.relayed_at IS NULL
          ORDER BY e.created_at, e.id LIMIT $1 FOR UPDATE OF e SKIP LOCKED`,
        [BATCH],
      );
      if (rows.length === 0) return 0;
      await Promise.all(
        rows
          .filter((row) => row.subscribed)
          .map((row) =>
            this.jobs.enqueue({ name: JobName.DispatchEvent, data: { eventId: row.id, orgId: row.org_id } }),
          ),
      );
      await manager.query(`UPDATE outbox_events SET relayed_at = now() WHERE id = ANY($1)`, [
        rows.map((r) => r.id),
      ]);
      return rows.length;
    });
  }
}
