import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { newId } from '@app/core';
import { TenantRepository } from '@app/database';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { Delivery, DeliveryStatus } from './delivery.entity';

@Injectable()
export class DeliveriesRepository extends TenantRepository<Delivery> {
  constructor(
    @InjectRepository(Delivery) repository: Repository<Delivery>,
    @InjectRepository(DeliveryAttempt) private readonly attempts: Repository<DeliveryAttempt>,
  ) {
    super(repository);
  }

  /** One pending delivery per endpoint; an existing (event, endpoint) pair is left as it is. */
  async insertMissing(
    orgId: string,
    event: { id: string; type: string },
    endpointIds: string[],
    firstAttemptAt: Date,
    manager?: EntityManager,
  ): Promise<void> {
    if (endpointIds.length === 0) return;
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .values(
        endpointIds.map((endpointId) => ({
          id: newId('dlv'),
          orgId,
          endpointId,
          eventId: event.id,
          eventType: event.type,
          nextAttemptAt: firstAttemptAt,
        })),
      )
      .orIgnore()
      .execute();
  }

  /**
   * The fan-out in one round trip: a delivery for each enabled endpoint subscribed to the event's type that has
   * none yet (ids from `ids`, at most that many per call), and every delivery of the event whose first attempt has
   * not run. `inserted` says how many were created; when it equals `ids.length` there may be more to create.
   */
  async fanOut(
    orgId: string,
    eventId: string,
    ids: string[],
    firstAttemptAt: Date,
  ): Promise<{
    inserted: number;
    notStarted: Array<Pick<Delivery, 'id' | 'orgId' | 'nextAttempt' | 'nextAttemptAt'>>;
  }> {
    const rows: Array<{ id: string; next_attempt: number; next_attempt_at: Date | null; fresh: boolean }> =
      await this.repository.query(
        `WITH targets AS (
           SELECT w.id AS endpoint_id, e.type, row_number() OVER (ORDER BY w.id) AS n
             FROM outbox_events e
             JOIN webhook_endpoints w ON w.org_id = e.org_id AND w.enabled AND e.type = ANY (w.events)
            WHERE e.org_id = $1 AND e.id = $2
              AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = e.id AND d.endpoint_id = w.id)
         ), inserted AS (
           INSERT INTO deliveries (id, org_id, endpoint_id, event_id, event_type, next_attempt_at)
           SELECT ($3::text[])[t.n], $1, t.endpoint_id, $2, t.type, $4
             FROM targets t WHERE t.n <= cardinality($3::text[])
           ON CONFLICT (event_id, endpoint_id) DO NOTHING
           RETURNING id, next_attempt, next_attempt_at
         )
         SELECT id, next_attempt, next_attempt_at, true AS fresh FROM inserted
         UNION ALL
         SELECT id, next_attempt, next_attempt_at, false AS fresh FROM deliveries
          WHERE org_id = $1 AND event_id = $2 AND status = 'pending' AND attempt_count = 0`,
        [orgId, eventId, ids, firstAttemptAt],
      );
    return {
      inserted: rows.filter((row) => row.fresh).length,
      notStarted: rows.map((row) => ({
        id: row.id,
        orgId,
        nextAttempt: row.next_attempt,
        nextAttemptAt: row.next_attempt_at,
      })),
    };
  }

  /**
   * Claims up to `limit` pending deliveries (of every organisation) whose next attempt is overdue by more than
   * `graceMs` and moves each to a fresh attempt number due now. A fresh number because the old attempt's job may
   * still exist in BullMQ as failed (after its own retries ran out), and an add with that id would be ignored; the
   * series start moves with it so the rest of the retry schedule is unchanged. System-wide on purpose: the sweep
   * serves all tenants and hands each id to a job of its own organisation. SKIP LOCKED lets sweeps run side by side.
   */
  async claimOverdue(
    graceMs: number,
    limit: number,
  ): Promise<Array<Pick<Delivery, 'id' | 'orgId' | 'nextAttempt' | 'nextAttemptAt'>>> {
    const [rows] = (await this.repository.query(
      `UPDATE deliveries SET next_attempt = next_attempt + 1, series_start = series_start + 1,
              next_attempt_at = now(), updated_at = now()
        WHERE id IN (SELECT id FROM deliveries
                      WHERE status = 'pending' AND next_attempt_at < now() - make_interval(secs => $1)
                      ORDER BY next_attempt_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, org_id, next_attempt, next_attempt_at`,
      [graceMs / 1000, limit],
    )) as [Array<{ id: string; org_id: string; next_attempt: number; next_attempt_at: Date }>, number];
    return rows.map((row) => ({
      id: row.id,
      orgId: row.org_id,
      nextAttempt: row.next_attempt,
      nextAttemptAt: row.next_attempt_at,
    }));
  }

  /** The delivery, locked, if `attempt` is still the one it waits for. */
  lockForAttempt(
    orgId: string,
    id: string,
    attempt: number,
    manager: EntityManager,
  ): Promise<Delivery | null> {
    return this.query(orgId, 'd', manager)
      .andWhere('d.id = :id AND d.status = :status AND d.next_attempt = :attempt', {
        id,
        status: 'pending',
        attempt,
      })
      .setLock('pessimistic_write')
      .getOne();
  }

  lockOne(orgId: string, id: string, manager: EntityManager): Promise<Delivery | null> {
    return this.query(orgId, 'd', manager)
      .andWhere('d.id = :id', { id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Logs an attempt; a second log of the same attempt (a job run twice) keeps the first. */
  async logAttempt(attempt: DeliveryAttempt, manager: EntityManager): Promise<void> {
    await manager.createQueryBuilder().insert().into(DeliveryAttempt).values(attempt).orIgnore().execute();
  }

  async attemptsOf(orgId: string, deliveryIds: string[]): Promise<DeliveryAttempt[]> {
    if (deliveryIds.length === 0) return [];
    return this.attempts.find({
      where: { orgId, deliveryId: In(deliveryIds) },
      order: { deliveryId: 'ASC', attempt: 'ASC' },
    });
  }

  /**
   * The common case for many attempts in one statement (one round trip, atomic): log each successful attempt, mark
   * its delivery succeeded if it still waits for that attempt, and end the endpoints' failing streaks. Returns the
   * keys (`deliveryKey`) of the deliveries it settled; the others no longer waited for that attempt.
   */
  async recordSuccesses(attempts: DeliveryAttempt[]): Promise<Set<string>> {
    const column = <K extends keyof DeliveryAttempt>(key: K) => attempts.map((attempt) => attempt[key]);
    const rows: Array<{ id: string; attempt: number }> = await this.repository.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::timestamptz[], $5::int[], $6::int[], $7::text[])
           AS i (org_id, delivery_id, attempt, attempted_at, status_code, duration_ms, response_snippet)
       ), updated AS (
         UPDATE deliveries d
            SET status = 'succeeded', attempt_count = i.attempt, next_attempt = i.attempt + 1,
                next_attempt_at = NULL, delivered_at = now(), last_status_code = i.status_code, last_error = NULL,
                updated_at = now()
           FROM input i
          WHERE d.org_id = i.org_id AND d.id = i.delivery_id AND d.status = 'pending' AND d.next_attempt = i.attempt
          RETURNING d.id, d.org_id, d.endpoint_id, i.attempt
       ), logged AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, org_id, attempted_at, status_code, duration_ms,
                                        response_snippet, error)
         SELECT delivery_id, attempt, org_id, attempted_at, status_code, duration_ms, response_snippet, NULL
           FROM input
         ON CONFLICT DO NOTHING
       ), cleared AS (
         UPDATE webhook_endpoints w SET failing_since = NULL, updated_at = now()
           FROM (SELECT DISTINCT org_id, endpoint_id FROM updated) u
          WHERE w.org_id = u.org_id AND w.id = u.endpoint_id AND w.failing_since IS NOT NULL
       )
       SELECT id, attempt FROM updated`,
      [
        column('orgId'),
        column('deliveryId'),
        column('attempt'),
        column('attemptedAt'),
        column('statusCode'),
        column('durationMs'),
        column('responseSnippet'),
      ],
    );
    return new Set(rows.map((row) => deliveryKey(row.id, row.attempt)));
  }

  /**
   * What one attempt needs, in one round trip: the delivery, its endpoint and its message body (the stored jsonb
   * as text: the same bytes on every attempt). Endpoint and message fields are null when they are gone.
   */
  async findForAttempt(orgId: string, id: string): Promise<AttemptInput | null> {
    return (await this.findForAttempts(orgId, [id]))[0] ?? null;
  }

  /** `findForAttempt` for several deliveries of one organisation at once (the fan-out of one event). */
  async findForAttempts(orgId: string, ids: string[]): Promise<AttemptInput[]> {
    if (ids.length === 0) return [];
    const rows: AttemptRow[] = await this.repository.query(
      `SELECT d.id, d.org_id, d.status, d.next_attempt, d.next_attempt_at, d.series_start, d.endpoint_id, d.event_id,
              w.url, w.enabled, w.secret_encrypted, w.previous_secret_encrypted, w.previous_secret_expires_at,
              e.type AS event_type, e.payload::text AS body
         FROM deliveries d
         LEFT JOIN webhook_endpoints w ON w.id = d.endpoint_id AND w.org_id = d.org_id
         LEFT JOIN outbox_events e ON e.id = d.event_id AND e.org_id = d.org_id
        WHERE d.org_id = $1 AND d.id = ANY ($2::text[])`,
      [orgId, ids],
    );
    return rows.map((row) => ({
      delivery: {
        id: row.id,
        orgId: row.org_id,
        status: row.status,
        nextAttempt: row.next_attempt,
        nextAttemptAt: row.next_attempt_at,
        seriesStart: row.series_start,
        endpointId: row.endpoint_id,
        eventId: row.event_id,
      },
      endpoint:
        row.url === null
          ? null
          : {
              id: row.endpoint_id,
              url: row.url,
              enabled: row.enabled === true,
              secretEncrypted: row.secret_encrypted as string,
              previousSecretEncrypted: row.previous_secret_encrypted,
              previousSecretExpiresAt: row.previous_secret_expires_at,
            },
      message:
        row.body === null ? null : { id: row.event_id, type: row.event_type as string, body: row.body },
    }));
  }
}

/** One attempt of one delivery, as a map key. */
export const deliveryKey = (deliveryId: string, attempt: number) => `${deliveryId}:${attempt}`;

interface AttemptRow {
  id: string;
  org_id: string;
  status: DeliveryStatus;
  next_attempt: number;
  next_attempt_at: Date | null;
  series_start: number;
  endpoint_id: string;
  event_id: string;
  url: string | null;
  enabled: boolean | null;
  secret_encrypted: string | null;
  previous_secret_encrypted: string | null;
  previous_secret_expires_at: Date | null;
  event_type: string | null;
  body: string | null;
}

export interface AttemptInput {
  delivery: Pick<
    Delivery,
    'id' | 'orgId' | 'status' | 'nextAttempt' | 'nextAttemptAt' | 'seriesStart' | 'endpointId' | 'eventId'
  >;
  endpoint: {
    id: string;
    url: string;
    enabled: boolean;
    secretEncrypted: string;
    previousSecretEncrypted: string | null;
    previousSecretExpiresAt: Date | null;
  } | null;
  message: { id: string; type: string; body: string } | null;
}
