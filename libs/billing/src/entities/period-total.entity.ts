import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { numberColumn } from './numeric.transformer';

/**
 * Running totals of one organisation's month, updated in the same transaction as each ledger row, so the summary
 * and the budget check read one row whatever the size of the ledger.
 */
@Entity('billing_period_totals')
export class PeriodTotal {
  @PrimaryColumn('text')
  orgId: string;

  @PrimaryColumn('text')
  period: string;

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
