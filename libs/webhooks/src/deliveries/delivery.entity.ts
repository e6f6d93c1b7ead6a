import { Column, Entity, Index, Unique } from 'typeorm';
import { TenantEntity } from '@app/database';

export const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message (an outbox event) for one endpoint. Attempts are numbered across redeliveries; a redelivery starts a
 * new series at `seriesStart`, whose n-th attempt waits the n-th delay of the retry schedule. `nextAttempt` is the
 * only attempt a job may run, which makes duplicate and stale jobs no-ops.
 */
@Entity('deliveries')
@Unique('deliveries_event_endpoint_unique', ['eventId', 'endpointId'])
@Index('deliveries_endpoint_idx', ['orgId', 'endpointId', 'createdAt'])
export class Delivery extends TenantEntity {
  @Column('text')
  endpointId: string;

  @Column('text')
  eventId: string;

  @Column('text')
  eventType: string;

  @Column('text', { default: 'pending' })
  status: DeliveryStatus;

  @Column('integer', { default: 0 })
  attemptCount: number;

  @Column('integer', { default: 1 })
  nextAttempt: number;

  @Column('integer', { default: 1 })
  seriesStart: number;

  @Column('timestamptz', { nullable: true })
  nextAttemptAt: Date | null;

  @Column('integer', { nullable: true })
  lastStatusCode: number | null;

  @Column('text', { nullable: true })
  lastError: string | null;

  @Column('timestamptz', { nullable: true })
  deliveredAt: Date | null;
}
