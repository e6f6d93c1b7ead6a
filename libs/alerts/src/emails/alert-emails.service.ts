import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Mailer } from '@app/core';
import { JobName, JobsService } from '@app/queue';
import { AlertEventEntity } from '../events/alert-event.entity';
import { AlertEventsRepository } from '../events/alert-events.repository';
import { AlertRulesRepository } from '../rules/alert-rules.repository';

export type AlertEmailOutcome = 'sent' | 'already-sent' | 'no-recipients' | 'email-off' | 'event-gone';

/** An email still owed this long after its event is enqueued again by the sweep. */
const SWEEP_AFTER_MS = 5 * 60 * 1000;
const SWEEP_BATCH = 500;

/**
 * The email action. Events are written in the stage transaction; their emails go after the commit through one
 * `alerting.email` job per event (a deterministic job id, so enqueueing twice sends once), and the event row
 * remembers when its email went, so a retried job does not send it again. At least once: an SMTP failure throws
 * and BullMQ retries; a crash between sending and marking is the only way to get a second copy.
 */
@Injectable()
export class AlertEmailsService {
  private readonly logger = new Logger(AlertEmailsService.name);

  constructor(
    private readonly events: AlertEventsRepository,
    private readonly rules: AlertRulesRepository,
    private readonly mailer: Mailer,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
  ) {}

  /** After the stage commits: one job per new event that has recipients. */
  async enqueueFor(
    events: ReadonlyArray<Pick<AlertEventEntity, 'id' | 'orgId' | 'emailRecipients'>>,
  ): Promise<number> {
    const owed = events.filter((event) => event.emailRecipients.length > 0);
    await Promise.all(
      owed.map((event) =>
        this.jobs.enqueue({ name: JobName.SendAlertEmail, data: { eventId: event.id, orgId: event.orgId } }),
      ),
    );
    return owed.length;
  }

  /**
   * Re-enqueues emails still owed a while after their event (the process died between the commit and the
   * enqueue). For the maintenance/reconcile loop; the job id keeps it from doubling a job still waiting.
   */
  async enqueueUnsent(now = new Date()): Promise<number> {
    const unsent = await this.events.findUnsent(new Date(now.getTime() - SWEEP_AFTER_MS), SWEEP_BATCH);
    return this.enqueueFor(unsent);
  }

  /** The `alerting.email` job: sends the event's email unless it went already. SMTP errors throw (retry). */
  async send(job: { eventId: string; orgId: string }): Promise<AlertEmailOutcome> {
    const event = await this.events.findOne(job.orgId, job.eventId);
    if (!event) return 'event-gone';
    if (event.emailedAt) return 'already-sent';
    if (event.emailRecipients.length === 0) return 'no-recipients';
    if (!this.mailer.enabled) {
      this.logger.warn(`Alert event ${event.id} has recipients but SMTP_HOST is not set; no email sent`);
      return 'email-off';
    }
    const rule = await this.rules.findOne(job.orgId, event.alertId);
    const name = rule?.name ?? event.alertId;
    await this.mailer.send({
      to: event.emailRecipients,
      subject: `Parley alert: ${name}`,
      text: this.bodyOf(event, name),
    });
    await this.events.markEmailed(event.orgId, event.id);
    return 'sent';
  }

  private bodyOf(event: AlertEventEntity, name: string): string {
    const value =
      typeof event.matched.value === 'string'
        ? `"${event.matched.value}"`
        : JSON.stringify(event.matched.value);
    return [
      `The alert rule "${name}" (${event.alertId}) triggered on record ${event.recordId}.`,
      '',
      `Matched: ${event.matched.field} = ${value}`,
      `Triggered at: ${event.createdAt.toISOString()}`,
      `Record: ${this.config.PUBLIC_URL.replace(/\/$/, '')}/api/v1/records/${event.recordId}`,
      `Alert event: ${event.id}`,
      '',
      'You receive this because your address is listed on this alert rule.',
    ].join('\n');
  }
}
