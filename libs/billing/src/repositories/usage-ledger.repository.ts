import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest, TenantRepository } from '@app/database';
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

export interface UsageBucketRow extends UsageTotals {
  key: string;
}

export type UsageGrouping = 'day' | 'project';

type SumRow = { key: string; records: string; minutes: string; cost: string; credit: string; total: string };

@Injectable()
export class UsageLedgerRepository extends TenantRepository<UsageEntry> {
  constructor(@InjectRepository(UsageEntry) repository: Repository<UsageEntry>) {
    super(repository);
  }

  /**
   * Inserts the entry unless (record, stage, version) is already billed; true when this call billed it.
   * A concurrent transaction holding the same key makes this one wait for it, then insert nothing.
   */
  async claim(manager: EntityManager, entry: NewUsageEntry): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO usage_ledger (id, org_id, record_id, project_id, stage, version, duration_seconds, minutes,
                                 unit_price_cents, cost_cents, credit_cents_used, period, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, $11, $12, $12)
       ON CONFLICT (record_id, stage, version) DO NOTHING
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

  /** Usage between [from, to) grouped by UTC day or by project, one page of groups and how many there are. */
  async grouped(
    orgId: string,
    grouping: UsageGrouping,
    range: { from: Date; to: Date },
    page: PageRequest,
  ): Promise<{ rows: UsageBucketRow[]; total: number }> {
    const key = grouping === 'day' ? `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')` : 'project_id';
    const rows: SumRow[] = await this.repository.query(
      `SELECT ${key} AS key,
              count(DISTINCT record_id) AS records,
              sum(minutes) AS minutes,
              sum(cost_cents) AS cost,
              sum(credit_cents_used) AS credit,
              count(*) OVER () AS total
         FROM usage_ledger
        WHERE org_id = $1 AND created_at >= $2 AND created_at < $3
        GROUP BY 1
        ORDER BY 1
        LIMIT $4 OFFSET $5`,
      [orgId, range.from, range.to, page.pageSize, (page.page - 1) * page.pageSize],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countGroups(orgId, key, range);
    return {
      rows: rows.map((row) => ({
        key: row.key,
        records: Number(row.records),
        minutes: Number(row.minutes),
        costCents: Number(row.cost),
        creditCentsUsed: Number(row.credit),
      })),
      total,
    };
  }

  /** A page past the end has no rows to carry the window count; count the groups on their own. */
  private async countGroups(orgId: string, key: string, range: { from: Date; to: Date }): Promise<number> {
    const [row]: Array<{ total: string }> = await this.repository.query(
      `SELECT count(DISTINCT ${key}) AS total FROM usage_ledger
        WHERE org_id = $1 AND created_at >= $2 AND created_at < $3`,
      [orgId, range.from, range.to],
    );
    return Number(row.total);
  }

  /** The period's totals straight from the ledger (reconciliation and benchmarks; the summary reads the totals row). */
  async sumPeriod(orgId: string, period: string): Promise<UsageTotals> {
    const [row]: Array<Omit<SumRow, 'key' | 'total'>> = await this.repository.query(
      `SELECT count(DISTINCT record_id) AS records,
              coalesce(sum(minutes), 0) AS minutes,
              coalesce(sum(cost_cents), 0) AS cost,
              coalesce(sum(credit_cents_used), 0) AS credit
         FROM usage_ledger
        WHERE org_id = $1 AND period = $2`,
      [orgId, period],
    );
    return {
      records: Number(row.records),
      minutes: Number(row.minutes),
      costCents: Number(row.cost),
      creditCentsUsed: Number(row.credit),
    };
  }
}
