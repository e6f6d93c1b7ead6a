import { Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { EventType } from '../outbox/outbox-event.entity';

/** A receiver of an organisation's events. The signing secrets are stored only encrypted (see SecretBox). */
@Entity('webhook_endpoints')
@Index('webhook_endpoints_org_idx', ['orgId', 'createdAt'])
export class WebhookEndpoint extends TenantEntity {
  @Column('text')
  url: string;

  @Column('text', { nullable: true })
  description: string | null;

  @Column('text', { array: true })
  events: EventType[];

  @Column('boolean', { default: true })
  enabled: boolean;

  /** Why the system (not the user) switched the endpoint off: a 410, or failing for too long. */
  @Column('text', { nullable: true })
  disabledReason: string | null;

  @Column('text')
  secretEncrypted: string;

  /** The secret before the last rotation; it keeps signing beside the new one until `previousSecretExpiresAt`. */
  @Column('text', { nullable: true })
  previousSecretEncrypted: string | null;

  @Column('timestamptz', { nullable: true })
  previousSecretExpiresAt: Date | null;

  /** Since when every attempt has failed; cleared by a success. */
  @Column('timestamptz', { nullable: true })
  failingSince: Date | null;
}
