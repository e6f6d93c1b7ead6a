import { Column, Entity, PrimaryColumn } from 'typeorm';
import { numberColumn } from './numeric.transformer';

/** Usage per organisation, UTC day and project, updated in the same transaction as each ledger row. */
@Entity('billing_daily_usage')
export class DailyUsage {
  @PrimaryColumn('text')
  orgId: string;

  @PrimaryColumn('date')
  day: string;

  @PrimaryColumn('text')
  projectId: string;

  /** Which of the slots this row is (a stage adds to one; readers sum them). */
  @PrimaryColumn('smallint')
  slot: number;

  /** Records billed for the first time in their month (so a month's days add up to the summary's totalRecords). */
  @Column('bigint', { default: 0, transformer: numberColumn })
  records: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  minutes: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  costCents: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  creditCentsUsed: number;
}
