import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PeriodTotal } from '../entities/period-total.entity';
import { UsageTotals } from './usage-ledger.repository';

/** Rows the running totals of one organisation's period (and day, project) are spread over. */
export const BILLING_TOTAL_SLOTS = 64;

/** The slot a record's usage is added to: stable per record, spread evenly over the slots. */
export const totalSlotOf = (recordId: string) =>
  createHash('sha1').update(recordId).digest().readUInt16BE(0) % BILLING_TOTAL_SLOTS;

/** The period's totals, summed over the slots. */
export interface PeriodTotals {
  records: number;
  minutes: number;
  costCents: number;
  creditCentsUsed: number;
  budgetExceededAt: Date | null;
}

type SumRow = {
  slots: string;
  records: string | null;
  minutes: string | null;
  cost: string | null;
  credit: string | null;
  exceeded: Date | null;
};

/**
 * Running totals per (organisation, month), spread over BILLING_TOTAL_SLOTS rows so that concurrent stages of one
 * organisation add to different rows instead of queueing on one lock; readers sum the slots. The budget flag lives
 * on slot 0 (written once a period). Every method takes the organisation first.
 */
@Injectable()
export class PeriodTotalsRepository {
  constructor(@InjectRepository(PeriodTotal) private readonly totals: Repository<PeriodTotal>) {}

  /**
   * The period's totals, or null before anything was billed. Inside a transaction it sees that transaction's own
   * additions and every committed one (not those of stages still running beside it).
   */
  async find(orgId: string, period: string, manager?: EntityManager): Promise<PeriodTotals | null> {
    const [row]: SumRow[] = await (manager ?? this.totals.manager).query(
      `SELECT count(*) AS slots, sum(records) AS records, sum(minutes) AS minutes, sum(cost_cents) AS cost,
              sum(credit_cents_used) AS credit, max(budget_exceeded_at) AS exceeded
         FROM billing_period_totals WHERE org_id = $1 AND period = $2`,
      [orgId, period],
    );
    if (!row || Number(row.slots) === 0) return null;
    return {
      records: Number(row.records ?? 0),
      minutes: Number(row.minutes ?? 0),
      costCents: Number(row.cost ?? 0),
      creditCentsUsed: Number(row.credit ?? 0),
      budgetExceededAt: row.exceeded,
    };
  }

  /** Adds one usage to the record's slot of the period (the lock it takes is that slot's alone). */
  async add(
    manager: EntityManager,
    orgId: string,
    period: string,
    slot: number,
    usage: UsageTotals,
  ): Promise<void> {
    await manager.query(
      `INSERT INTO billing_period_totals AS t (org_id, period, slot, records, minutes, cost_cents, credit_cents_used)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (org_id, period, slot) DO UPDATE SET
         records = t.records + EXCLUDED.records,
         minutes = t.minutes + EXCLUDED.minutes,
         cost_cents = t.cost_cents + EXCLUDED.cost_cents,
         credit_cents_used = t.credit_cents_used + EXCLUDED.credit_cents_used,
         updated_at = now()`,
      [orgId, period, slot, usage.records, usage.minutes, usage.costCents, usage.creditCentsUsed],
    );
  }

  /** Flags the period as over budget; true only for the call that flagged it (creating the row if need be). */
  async markBudgetExceeded(
    manager: EntityManager,
    orgId: string,
    period: string,
    at: Date,
  ): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO billing_period_totals AS t (org_id, period, slot, budget_exceeded_at) VALUES ($1, $2, 0, $3)
       ON CONFLICT (org_id, period, slot) DO UPDATE SET budget_exceeded_at = EXCLUDED.budget_exceeded_at
         WHERE t.budget_exceeded_at IS NULL
       RETURNING 1`,
      [orgId, period, at],
    );
    return rows.length === 1;
  }
}
