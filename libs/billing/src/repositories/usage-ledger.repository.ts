import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { BillableStage, UsageEntry } from '../entities/usage-entry.entity';

export interface NewUsageEntry {
  id: string;
  orgId: string;
  recordId: string;
  projectId: string;
  stage: BillableStage;
  version: number;
  durationSeconds: number;
  minutes: number;
  unitPriceCents: number;
  costCents: number;
  period: string;
  at: Date;
}

export interface UsageTotals {
  records: number;
  minutes: number;
  costCents: number;
  creditCentsUsed: number;
}

@Injectable()
export class UsageLedgerRepository extends TenantRepository<UsageEntry> {
  constructor(@InjectRepository(UsageEntry) repository: Repository<UsageEntry>) {
    super(repository);
  }

  /**
   * Inserts the entry unless it is already billed: (record, stage, version), or for the analysis stage (typed
   * transcripts) the record at any version. True when this call billed it. A concurrent transaction holding the
   * same key makes this one wait for it, then insert nothing.
   */
  async claim(manager: EntityManager, entry: NewUsageEntry): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO usage_ledger (id, org_id, record_id, project_id, stage, version, duration_seconds, minutes,
                                 unit_price_cents, cost_cents, credit_cents_used, period, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $12)
       ON CONFLICT DO NOTHING
       RETURNING id`,
      [
        entry.id,
        entry.orgId,
        entry.recordId,
        entry.projectId,
        entry.stage,
        entry.version,
        entry.durationSeconds,
        entry.minutes,
        entry.unitPriceCents,
        entry.costCents,
        entry.period,
        entry.at,
      ],
    );
    return rows.length === 1;
  }

  async setCreditUsed(manager: EntityManager, orgId: string, id: string, cents: number): Promise<void> {
    await manager.query(`UPDATE usage_ledger SET credit_cents_used = $3 WHERE org_id = $1 AND id = $2`, [
      orgId,
      id,
      cents,
    ]);
  }

  /** Whether the record was already billed in the period by another entry (it then counts once in the totals). */
  async billedEarlierInPeriod(
    manager: EntityManager,
    orgId: string,
    recordId: string,
    period: string,
    entryId: string,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM usage_ledger
        WHERE record_id = $2 AND org_id = $1 AND period = $3 AND id <> $4
        LIMIT 1`,
      [orgId, recordId, period, entryId],
    );
    return rows.length > 0;
  }
}
