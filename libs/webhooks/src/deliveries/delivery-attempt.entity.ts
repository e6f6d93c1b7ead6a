import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The log of one HTTP attempt of a delivery: what the receiver answered, or why there was no answer. */
@Entity('delivery_attempts')
export class DeliveryAttempt {
  @PrimaryColumn('text')
  deliveryId: string;

  @PrimaryColumn('integer')
  attempt: number;

  @Column('text')
  orgId: string;

  @Column('timestamptz')
  attemptedAt: Date;

  @Column('integer', { nullable: true })
  statusCode: number | null;

  @Column('integer')
  durationMs: number;

  /** The first kilobyte of the response body, for the delivery log. */
  @Column('text', { nullable: true })
  responseSnippet: string | null;

  @Column('text', { nullable: true })
  error: string | null;
}
