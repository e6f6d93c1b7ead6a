import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import { newId } from '@app/core';
import { TenantRepository } from '@app/database';
import { DeliveryAttempt } from './delivery-attempt.entity';
import { Delivery } from './delivery.entity';

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

  /** Deliveries of an event whose first attempt has not run yet (to enqueue it, again if need be). */
  notStartedOf(orgId: string, eventId: string, manager?: EntityManager): Promise<Delivery[]> {
    return this.findBy(orgId, { eventId, status: 'pending', attemptCount: 0 }, {}, manager);
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
   * The common case in one statement (one round trip, atomic): log the successful attempt, mark the delivery
   * succeeded if it still waits for this attempt, and end the endpoint's failing streak if it had one.
   * Returns false when the delivery no longer waited for this attempt.
   */
  async recordSuccess(attempt: DeliveryAttempt): Promise<boolean> {
    const rows: Array<{ updated: number }> = await this.repository.query(
      `WITH updated AS (
         UPDATE deliveries
            SET status = 'succeeded', attempt_count = $3, next_attempt = $3 + 1, next_attempt_at = NULL,
                delivered_at = now(), last_status_code = $5, last_error = NULL, updated_at = now()
          WHERE org_id = $1 AND id = $2 AND status = 'pending' AND next_attempt = $3
          RETURNING endpoint_id
       ), logged AS (
         INSERT INTO delivery_attempts (delivery_id, attempt, org_id, attempted_at, status_code, duration_ms,
                                        response_snippet, error)
         VALUES ($2, $3, $1, $4, $5, $6, $7, NULL)
         ON CONFLICT DO NOTHING
       ), cleared AS (
         UPDATE webhook_endpoints SET failing_since = NULL, updated_at = now()
          WHERE org_id = $1 AND id IN (SELECT endpoint_id FROM updated) AND failing_since IS NOT NULL
       )
       SELECT count(*)::int AS updated FROM updated`,
      [
        attempt.orgId,
        attempt.deliveryId,
        attempt.attempt,
        attempt.attemptedAt,
        attempt.statusCode,
        attempt.durationMs,
        attempt.responseSnippet,
      ],
    );
    return rows[0]?.updated > 0;
  }
}
