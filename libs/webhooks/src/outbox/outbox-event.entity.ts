import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** Events of api.md "Webhooks". */
export const EVENT_TYPES = [
  'record.created',
  'record.completed',
  'record.failed',
  'analysis.completed',
  'alert.triggered',
  'transcribe.created',
  'billing.budget_exceeded',
  'followup.created',
  'followup.updated',
  'record.retention_applied',
  'record.erased',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The type of the message POST /webhooks/:id/test sends; no endpoint subscribes to it, it goes to one endpoint. */
export const TEST_EVENT_TYPE = 'webhook.test';
export type MessageType = EventType | typeof TEST_EVENT_TYPE;

/**
 * The transactional outbox: an event row is written in the same transaction as the change it announces, so an
 * event is never emitted for a rolled-back change, and a relay moves it to the webhooks queue later, so it is never
 * lost while Redis is away. `dedupeKey` makes a retried job's event a no-op instead of a duplicate.
 */
@Entity('outbox_events')
@Index('outbox_events_pending_idx', ['createdAt'], { where: 'relayed_at IS NULL' })
export class OutboxEvent {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  orgId: string;

  @Column('text')
  type: MessageType;

  @Column('text', { unique: true })
  dedupeKey: string;

  @Column('jsonb')
  payload: Record<string, unknown>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  relayedAt: Date | null;
}
