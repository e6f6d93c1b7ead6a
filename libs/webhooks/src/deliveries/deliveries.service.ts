import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, conflict, newId, PaginationQueryDto, TenantContext } from '@app/core';
import { DatabaseService } from '@app/database';
import { JobName, JobsService } from '@app/queue';
import { WebhookEndpointsRepository } from '../endpoints/webhook-endpoints.repository';
import { WebhooksService } from '../endpoints/webhooks.service';
import { TEST_EVENT_TYPE } from '../outbox/outbox-event.entity';
import { OutboxService } from '../outbox/outbox.service';
import { deliveryView } from '../views';
import { deliveryNotFound } from '../webhooks.errors';
import { AttemptInput, DeliveriesRepository } from './deliveries.repository';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { Delivery } from './delivery.entity';
import { FailingEndpointNotifier } from './failing-endpoint-notifier';
import { parseRetrySchedule, retryDelaySeconds, verdictOf } from './retry-schedule';
import { SuccessRecorder } from './success-recorder';
import { SendOutcome, WebhookSender } from './webhook-sender';

export type AttemptResult = 'succeeded' | 'retrying' | 'failed' | 'skipped';

const GONE_REASON = 'The receiver answered 410 Gone';
/** An attempt this late is taken as lost, not as waiting in a busy queue. */
const SWEEP_GRACE_MS = 5 * 60 * 1000;
const SWEEP_BATCH = 1000;
const FIRST_FAN_OUT_BATCH = 8;
/** First attempts a dispatch job sends itself; those of further endpoints become jobs of their own. */
const INLINE_FIRST_ATTEMPTS = 8;

/**
 * Fan-out of events into deliveries, and the attempts of each delivery on the retry schedule. At least once: an
 * attempt is sent before it is logged, so a crash in between sends it again (same webhook-id; receivers dedupe).
 */
@Injectable()
export class DeliveriesService {
  private readonly logger = new Logger(DeliveriesService.name);
  private readonly schedule: number[];
  private readonly disableAfterMs: number;
  private readonly fanOutBatch: number;

  constructor(
    config: AppConfig,
    private readonly database: DatabaseService,
    private readonly deliveries: DeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly webhooks: WebhooksService,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly sender: WebhookSender,
    private readonly notifier: FailingEndpointNotifier,
    private readonly successes: SuccessRecorder,
  ) {
    this.schedule = parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE_SECONDS);
    this.disableAfterMs = config.WEBHOOK_DISABLE_AFTER_FAILING_SECONDS * 1000;
    // Ids for the fan-out are made up front; an organisation has at most this many endpoints.
    this.fanOutBatch = config.WEBHOOK_MAX_ENDPOINTS_PER_ORG;
  }

  // --- API ------------------------------------------------------------------------------------

  async listForEndpoint(context: TenantContext, webhookId: string, page: PaginationQueryDto) {
    await this.webhooks.findOrFail(context.orgId, webhookId);
    const [rows, total, nextCursor] = await this.deliveries.findPage(
      context.orgId,
      { endpointId: webhookId },
      page,
      {
        order: { createdAt: 'DESC', id: 'DESC' },
      },
    );
    const attempts = await this.deliveries.attemptsOf(
      context.orgId,
      rows.map((row) => row.id),
    );
    const items = rows.map((row) =>
      deliveryView(
        row,
        attempts.filter((attempt) => attempt.deliveryId === row.id),
      ),
    );
    return { items, total, nextCursor };
  }

  async get(orgId: string, deliveryId: string) {
    const delivery = await this.deliveries.findOne(orgId, deliveryId);
    if (!delivery) throw deliveryNotFound();
    return deliveryView(delivery, await this.deliveries.attemptsOf(orgId, [deliveryId]));
  }

  /** Sends a `webhook.test` message to one endpoint through the normal delivery path. */
  async sendTest(context: TenantContext, webhookId: string) {
    const endpoint = await this.webhooks.findOrFail(context.orgId, webhookId);
    const delivery = await this.database.transaction(async (manager) => {
      const eventId = await this.outbox.addTestMessage(manager, context.orgId, {
        webhookId: endpoint.id,
        message: 'This is a test message from Parley. A real event carries its resource in data.',
      });
      await this.deliveries.insertMissing(
        context.orgId,
        { id: eventId, type: TEST_EVENT_TYPE },
        [endpoint.id],
        new Date(),
        manager,
      );
      return (await this.deliveries.findBy(context.orgId, { eventId }, {}, manager))[0];
    });
    await this.enqueueNextAttempt(delivery);
    return this.get(context.orgId, delivery.id);
  }

  /**
   * A new series of attempts for the same message (same webhook-id), on the full retry schedule, starting now.
   * A delivery still being retried is a 409: its series is not over yet.
   */
  async redeliver(context: TenantContext, deliveryId: string) {
    const delivery = await this.database.transaction(async (manager) => {
      const current = await this.deliveries.lockOne(context.orgId, deliveryId, manager);
      if (!current) throw deliveryNotFound();
      if (current.status === 'pending')
        throw conflict('The delivery is still being attempted; redeliver it once it has succeeded or failed');
      const next = current.attemptCount + 1;
      await this.deliveries.update(
        context.orgId,
        deliveryId,
        {
          status: 'pending',
          nextAttempt: next,
          seriesStart: next,
          nextAttemptAt: new Date(),
          lastError: null,
        },
        manager,
      );
      return { ...current, nextAttempt: next, nextAttemptAt: new Date() } as Delivery;
    });
    await this.enqueueNextAttempt(delivery);
    return this.get(context.orgId, deliveryId);
  }

  // --- worker -------------------------------------------------------------------------------

  /**
   * Fans an outbox event out: one delivery per enabled endpoint subscribed to its type, then the first attempt of
   * each. First attempts that are due now (the schedule starts with 0 s) run here, in this job, up to 8, so the
   * common case costs no job per delivery; the others are enqueued. Run twice (a retried or stalled job), it
   * creates nothing new and attempts only what has no attempt logged yet; an attempt sent twice keeps its
   * webhook-id.
   */
  async dispatch(orgId: string, eventId: string): Promise<number> {
    const firstAttemptAt = new Date(Date.now() + this.schedule[0] * 1000);
    const notStarted = new Map<string, Pick<Delivery, 'id' | 'orgId' | 'nextAttempt' | 'nextAttemptAt'>>();
    // Most organisations have a few endpoints: ids for a few first, then for as many as an organisation may have.
    for (let batch = Math.min(FIRST_FAN_OUT_BATCH, this.fanOutBatch); ; batch = this.fanOutBatch) {
      const ids = Array.from({ length: batch }, () => newId('dlv'));
      const { inserted, notStarted: found } = await this.deliveries.fanOut(
        orgId,
        eventId,
        ids,
        firstAttemptAt,
      );
      for (const delivery of found) notStarted.set(delivery.id, delivery);
      if (inserted < ids.length) break;
    }
    const now = Date.now();
    const due = [...notStarted.values()].filter(
      (delivery) => (delivery.nextAttemptAt?.getTime() ?? 0) <= now,
    );
    // A job sends a bounded number of requests, so WEBHOOKS_CONCURRENCY still bounds a worker's open requests.
    const inline = due.slice(0, INLINE_FIRST_ATTEMPTS);
    const queued = [...notStarted.values()].filter((delivery) => !inline.includes(delivery));
    const inputs = await this.deliveries.findForAttempts(
      orgId,
      inline.map((delivery) => delivery.id),
    );
    const outcomes = await Promise.allSettled([
      ...inputs.map((input) => this.attemptWith(input, input.delivery.nextAttempt)),
      ...queued.map((delivery) => this.enqueueNextAttempt(delivery)),
    ]);
    // Every attempt has settled before the job fails, so its retry never races one still in flight.
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
    return notStarted.size;
  }

  /**
   * Puts back every attempt overdue by more than `graceMs`: its enqueue was lost after the commit, or its job ran
   * out of BullMQ retries while the database or Redis was away. It becomes a new attempt number, due now; if the old
   * job turns up after all, it is stale and skipped.
   */
  async sweepOverdue(graceMs = SWEEP_GRACE_MS): Promise<number> {
    const overdue = await this.deliveries.claimOverdue(graceMs, SWEEP_BATCH);
    await Promise.all(overdue.map((delivery) => this.enqueueNextAttempt(delivery)));
    if (overdue.length > 0) this.logger.warn(`Re-enqueued ${overdue.length} overdue webhook attempt(s)`);
    return overdue.length;
  }

  /** Runs attempt `attempt` of a delivery if it is still the one the delivery waits for. */
  async attempt(orgId: string, deliveryId: string, attempt: number): Promise<AttemptResult> {
    const input = await this.deliveries.findForAttempt(orgId, deliveryId);
    return input ? this.attemptWith(input, attempt) : 'skipped';
  }

  private async attemptWith(input: AttemptInput, attempt: number): Promise<AttemptResult> {
    const { delivery, endpoint, message } = input;
    const { orgId, id: deliveryId } = delivery;
    if (delivery.status !== 'pending' || delivery.nextAttempt !== attempt) {
      // A job of a later attempt may have been lost between commit and enqueue: put it back (idempotent).
      if (delivery.status === 'pending' && delivery.nextAttempt > attempt)
        await this.enqueueNextAttempt(delivery);
      return 'skipped';
    }
    const sendable = Boolean(endpoint && message && (endpoint.enabled || message.type === TEST_EVENT_TYPE));
    const attemptedAt = new Date();
    let outcome: SendOutcome;
    if (!endpoint || !message) {
      outcome = { durationMs: 0, error: 'The endpoint or the message no longer exists' };
    } else if (!sendable) {
      outcome = { durationMs: 0, error: 'Not sent: the endpoint is disabled' };
    } else {
      outcome = await this.sender.send({
        url: endpoint.url,
        messageId: message.id,
        body: message.body,
        secrets: this.webhooks.signingSecrets(endpoint),
      });
    }
    const verdict = outcome.error ? 'failed' : verdictOf(outcome.statusCode);
    const logged: DeliveryAttempt = {
      deliveryId,
      attempt,
      orgId,
      attemptedAt,
      statusCode: outcome.statusCode ?? null,
      durationMs: outcome.durationMs,
      responseSnippet: outcome.responseSnippet ?? null,
      error: outcome.error ?? null,
    };
    if (verdict === 'succeeded') return (await this.successes.record(logged)) ? 'succeeded' : 'skipped';

    const result = await this.database.transaction(async (manager) => {
      await this.deliveries.logAttempt(logged, manager);
      const locked = await this.deliveries.lockForAttempt(orgId, deliveryId, attempt, manager);
      if (!locked) return { status: 'skipped' as const };
      const base = {
        attemptCount: attempt,
        lastStatusCode: outcome.statusCode ?? null,
        lastError: outcome.error ?? `HTTP ${outcome.statusCode}`,
      };
      let disabledFor: string | undefined;
      if (sendable && verdict === 'gone') {
        if (await this.endpoints.disable(orgId, locked.endpointId, GONE_REASON, manager))
          disabledFor = GONE_REASON;
      } else if (sendable) {
        disabledFor = await this.recordFailure(orgId, locked.endpointId, manager);
      }
      const delay =
        verdict === 'gone' || !sendable
          ? null
          : retryDelaySeconds(this.schedule, attempt, locked.seriesStart);
      if (delay === null) {
        await this.deliveries.update(
          orgId,
          deliveryId,
          { ...base, status: 'failed', nextAttempt: attempt + 1, nextAttemptAt: null },
          manager,
        );
        return { status: 'failed' as const, disabledFor };
      }
      const next = { nextAttempt: attempt + 1, nextAttemptAt: new Date(Date.now() + delay * 1000) };
      await this.deliveries.update(orgId, deliveryId, { ...base, ...next }, manager);
      return { status: 'retrying' as const, disabledFor, next: { ...locked, ...next } as Delivery };
    });

    if (result.status === 'retrying' && result.next) await this.enqueueNextAttempt(result.next);
    if ('disabledFor' in result && result.disabledFor && endpoint)
      await this.notifier.endpointDisabled(orgId, endpoint, result.disabledFor);
    return result.status;
  }

  /** Extends the endpoint's failing streak; disables it once the streak is long enough. Returns the reason then. */
  private async recordFailure(
    orgId: string,
    endpointId: string,
    manager: EntityManager,
  ): Promise<string | undefined> {
    const now = new Date();
    const failingSince = await this.endpoints.markFailing(orgId, endpointId, now, manager);
    if (!failingSince || now.getTime() - failingSince.getTime() < this.disableAfterMs) return undefined;
    const days = Math.round((now.getTime() - failingSince.getTime()) / 86_400_000);
    const reason = `Every delivery has failed since ${failingSince.toISOString()} (${days} day(s))`;
    return (await this.endpoints.disable(orgId, endpointId, reason, manager)) ? reason : undefined;
  }

  private async enqueueNextAttempt(
    delivery: Pick<Delivery, 'id' | 'orgId' | 'nextAttempt' | 'nextAttemptAt'>,
  ): Promise<void> {
    const delay = Math.max(0, (delivery.nextAttemptAt?.getTime() ?? Date.now()) - Date.now());
    await this.jobs.enqueue(
      {
        name: JobName.DeliverWebhook,
        data: { deliveryId: delivery.id, orgId: delivery.orgId, attempt: delivery.nextAttempt },
      },
      { delay },
    );
  }
}
