import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest } from '@app/database';
import { DailyUsage } from '../entities/daily-usage.entity';
import { UsageTotals } from './usage-ledger.repository';

export interface UsageBucketRow extends UsageTotals {
  key: string;
}

export type UsageGrouping = 'day' | 'project';

type SumRow = { key: string; records: string; minutes: string; cost: string; credit: string; total: string };

/**
 * The daily rollup per (organisation, day, project), spread over the same slots as the period totals (reports sum
 * them); every method takes the organisation first.
 */
@Injectable()
export class DailyUsageRepository {
  constructor(@InjectRepository(DailyUsage) private readonly daily: Repository<DailyUsage>) {}

  async add(
    manager: EntityManager,
    orgId: string,
    day: string,
    projectId: string,
    slot: number,
    usage: UsageTotals,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO billing_daily_usage AS d
         (org_id, day, project_id, slot, records, minutes, cost_cents, credit_cents_used)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (org_id, day, project_id, slot) DO UPDATE SET
         records = d.records + EXCLUDED.records,
         minutes = d.minutes + EXCLUDED.minutes,
         cost_cents = d.cost_cents + EXCLUDED.cost_cents,
         credit_cents_used = d.credit_cents_used + EXCLUDED.credit_cents_used`,
      [orgId, day, projectId, slot, usage.records, usage.minutes, usage.costCents, usage.creditCentsUsed],
    );
  }

  /** Usage of the UTC days [fromDay, toDay] grouped by day or by project: one page of groups and their count. */
  async grouped(
    orgId: string,
    grouping: UsageGrouping,
    days: { fromDay: string; toDay: string },
    page: PageRequest,
  ): Promise<{ rows: UsageBucketRow[]; total: number }> {
    const key = grouping === 'day' ? `to_char(day, 'YYYY-MM-DD')` : 'project_id';
    const rows: SumRow[] = await this.daily.query(
      `SELECT ${key} AS key, sum(records) AS records, sum(minutes) AS minutes, sum(cost_cents) AS cost,
              sum(credit_cents_used) AS credit, count(*) OVER () AS total
         FROM billing_daily_usage
        WHERE org_id = $1 AND day >= $2 AND day <= $3
        GROUP BY 1
        ORDER BY 1
        LIMIT $4 OFFSET $5`,
      [orgId, days.fromDay, days.toDay, page.pageSize, (page.page - 1) * page.pageSize],
    );
    const total = rows.length > 0 ? Number(rows[0].total) : await this.countGroups(orgId, key, days);
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
  private async countGroups(orgId: string, key: string, days: { fromDay: string; toDay: string }) {
    const [row]: Array<{ total: string }> = await this.daily.query(
      `SELECT count(DISTINCT ${key}) AS total FROM billing_daily_usage
        WHERE org_id = $1 AND day >= $2 AND day <= $3`,
      [orgId, days.fromDay, days.toDay],
    );
    return Number(row.total);
  }
}
