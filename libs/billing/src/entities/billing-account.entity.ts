import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from './numeric.transformer';

/** An organisation's plan: its own price per minute (else the configured default) and monthly budget. */
@Entity('billing_accounts')
export class BillingAccount {
  @PrimaryColumn('text')
  orgId: string;

  @Column('integer', { nullable: true })
  pricePerMinuteCents: number | null;

  /** What the organisation may be charged per month (after credits); null: no limit. */
  @Column('bigint', { nullable: true, transformer: numberColumn })
  budgetLimitCents: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
