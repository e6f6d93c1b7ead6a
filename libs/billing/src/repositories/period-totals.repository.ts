import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PeriodTotal } from '../entities/period-total.entity';
import { UsageTotals } from './usage-ledger.repository';

export interface PeriodSpend {
  costCents: number;
  creditCentsUsed: number;
  budgetExceededAt: Date | null;
}

/** Running totals per (organisation, month); every method takes the organisation first. */
@Injectable()
export class PeriodTotalsRepository {
  constructor(@InjectRepository(PeriodTotal) private readonly totals: Repository<PeriodTotal>) {}

  find(orgId: string, period: string, manager?: EntityManager): Promise<PeriodTotal | null> {
    const repository = manager ? manager.getRepository(PeriodTotal) : this.totals;
    return repository.findOne({ where: { orgId, period } });
  }

  /** Adds one usage to the period; the row lock it takes serialises concurrent billing of the organisation. */
  async add(manager: EntityManager, orgId: string, period: string, usage: UsageTotals): Promise<PeriodSpend> {
    const [row]: Array<{ cost_cents: string; credit_cents_used: string; budget_exceeded_at: Date | null }> =
      await manager.query(
        `INSERT INTO billing_period_totals AS t (org_id, period, records, minutes, cost_cents, credit_cents_used)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, period) DO UPDATE SET
           records = t.records + EXCLUDED.records,
           minutes = t.minutes + EXCLUDED.minutes,
           cost_cents = t.cost_cents + EXCLUDED.cost_cents,
           credit_cents_used = t.credit_cents_used + EXCLUDED.credit_cents_used,
           updated_at = now()
         RETURNING cost_cents, credit_cents_used, budget_exceeded_at`,
        [orgId, period, usage.records, usage.minutes, usage.costCents, usage.creditCentsUsed],
      );
    return {
      costCents: Number(row.cost_cents),
      creditCentsUsed: Number(row.credit_cents_used),
      budgetExceededAt: row.budget_exceeded_at,
    };
  }

  /** Flags the period as over budget; true only for the call that flagged it (creating the row if need be). */
  async markBudgetExceeded(
    manager: EntityManager,
    orgId: string,
    period: string,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO billing_period_totals AS t (org_id, period, budget_exceeded_at) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, period) DO UPDATE SET budget_exceeded_at = EXCLUDED.budget_exceeded_at
         WHERE t.budget_exceeded_at IS NULL
       RETURNING 1`,
      [orgId, period, at],
    );
    return rows.length === 1;
  }
}
