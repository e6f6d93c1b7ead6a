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
}
