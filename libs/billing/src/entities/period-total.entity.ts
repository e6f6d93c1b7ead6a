import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from './numeric.transformer';

/**
 * Running totals of one organisation's month, updated in the same transaction as each ledger row and spread over
 * slots (see BillingTotalSlots1796673600000), so the summary and the budget check read a few rows whatever the size
 * of the ledger, and concurrent stages of one organisation do not wait on one row.
 */
@Entity('billing_period_totals')
export class PeriodTotal {
  @PrimaryColumn('text')
  orgId: string;

  @PrimaryColumn('text')
  period: string;

  /** Which of the slots this row is (a stage adds to one; readers sum them). */
  @PrimaryColumn('smallint')
  slot: number;

  /** Distinct records billed in the period. */
  @Column('bigint', { default: 0, transformer: numberColumn })
  records: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  minutes: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  costCents: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  creditCentsUsed: number;

  /** When the period's charge first reached the budget (and billing.budget_exceeded was written). */
  @Column('timestamptz', { nullable: true })
  budgetExceededAt: Date | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
