import { Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/database';
import type { MatchedLeaf } from '../conditions/evaluate-condition';

/** One rule matching one version of a record; `createdAt` is when it triggered. */
@Entity('alert_events')
export class AlertEventEntity extends TenantEntity {
  @Column('text')
  alertId: string;

  @Column('text')
  recordId: string;

  /** The pipeline version evaluated: a retried stage of the same version never adds a second event. */
  @Column('integer')
  recordVersion: number;

  /** The record's owner when it triggered, so agents list only events of their own records. */
  @Column('text', { nullable: true })
  recordOwnerId: string | null;

  @Column('jsonb')
  matched: MatchedLeaf;

  /** The rule's recipients when it triggered; later edits of the rule do not change who this event goes to. */
  @Column('text', { array: true, default: () => `'{}'` })
  emailRecipients: string[];

  @Column('timestamptz', { nullable: true })
  emailedAt: Date | null;
}
