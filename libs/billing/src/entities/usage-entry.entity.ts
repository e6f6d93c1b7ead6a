import { Column, Entity, Index, Unique } from 'typeorm';
import { TenantEntity } from '@app/database';
import { numberColumn } from './numeric.transformer';

export const BILLABLE_STAGES = ['transcription', 'analysis'] as const;
export type BillableStage = (typeof BILLABLE_STAGES)[number];

/**
 * One billed usage: a record's billable stage at one pipeline version. The unique key is what makes billing
 * exactly-once: a retried or duplicated stage job inserts nothing the second time.
 */
@Entity('usage_ledger')
@Unique('usage_ledger_billed_once', ['recordId', 'stage', 'version'])
@Index('usage_ledger_org_created_idx', ['orgId', 'createdAt'])
@Index('usage_ledger_org_period_idx', ['orgId', 'period'])
@Index('usage_ledger_analysis_once', ['recordId'], { unique: true, where: "stage = 'analysis'" })
export class UsageEntry extends TenantEntity {
  @Column('text')
  recordId: string;

  @Column('text')
  projectId: string;

  @Column('text')
  stage: BillableStage;

  @Column('integer')
  version: number;

  @Column('numeric', { precision: 12, scale: 3, transformer: numberColumn })
  durationSeconds: number;

  @Column('integer')
  minutes: number;

  @Column('integer')
  unitPriceCents: number;

  @Column('bigint', { transformer: numberColumn })
  costCents: number;

  @Column('bigint', { default: 0, transformer: numberColumn })
  creditCentsUsed: number;

  /** `YYYY-MM` (UTC) of createdAt: the month the usage is billed in. */
  @Column('text')
  period: string;
}
