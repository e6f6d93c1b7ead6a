import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppConfig, newId, TenantContext } from '@app/core';
import { DatabaseService, PageRequest } from '@app/database';
import { OutboxService } from '@app/webhooks';
import { budgetExceeded, invalidRange, invalidUsage, tooManyCreditGrants } from './billing.errors';
import {
  BillingSummaryView,
  CreditGrantView,
  presentCreditGrant,
  presentUsageBucket,
  UsageBucketView,
} from './billing.views';
import { planDrawDown } from './credits/plan-draw-down';
import { MAX_CREDIT_GRANT } from './dto/create-credit-grant.dto';
import { BILLABLE_STAGES, BillableStage } from './entities/usage-entry.entity';
import { amountToCents, billableMinutes, budgetUsedPercent, centsToAmount, costCents } from './money';
import { periodBounds, periodOf } from './period';
import { BillingAccountsRepository } from './repositories/billing-accounts.repository';
import { CreditGrantsRepository } from './repositories/credit-grants.repository';
import { PeriodTotalsRepository, totalSlotOf } from './repositories/period-totals.repository';
import { DailyUsageRepository, UsageGrouping } from './repositories/daily-usage.repository';
import { UsageLedgerRepository } from './repositories/usage-ledger.repository';

/** What a pipeline stage bills: the record, the stage that completed and the pipeline version it ran for. */
export interface UsageInput {
  orgId: string;
  recordId: string;
  projectId: string;
  stage: BillableStage;
  version: number;
  /** Seconds of the call (or of the typed conversation); null or 0 bills nothing but still marks it billed. */
  durationSeconds: number | null;
}

export type UsageOutcome =
  | { billed: false }
  | {
      billed: true;
      entryId: string;
      minutes: number;
      costCents: number;
      creditCentsUsed: number;
      /** True when this usage made the period reach the budget (the event was written with it). */
      budgetReached: boolean;
    };

const MAX_USAGE_RANGE_DAYS = 366;
/** Every billing locks the usable grants: keep their number small. */
export const MAX_USABLE_CREDIT_GRANTS = 50;
const MAX_CREDIT_LIFETIME_MS = 10 * 366 * 24 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const dayOf = (at: Date) => at.toISOString().slice(0, 10);

function utcDay(value: string, field: string): string {
  const parsed = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(parsed.getTime())) throw invalidRange(`${field} is not a valid date`, field);
  return dayOf(parsed);
}

@Injectable()
export class BillingService {
  constructor(
    private readonly config: AppConfig,
    private readonly database: DatabaseService,
    private readonly outbox: OutboxService,
    private readonly ledger: UsageLedgerRepository,
    private readonly credits: CreditGrantsRepository,
    private readonly accounts: BillingAccountsRepository,
    private readonly totals: PeriodTotalsRepository,
    private readonly daily: DailyUsageRepository,
  ) {}

  /**
   * Bills one usage inside the caller's transaction (the pipeline stage's), exactly once per
   * (record, stage, version): a retried or duplicated job finds the ledger row and bills nothing. Credits are drawn
   * first (the grant expiring first goes first), the period's running totals move, and when the period's charge
   * reaches the budget one `billing.budget_exceeded` event per organisation and period is written to the outbox.
   */
  async recordUsage(manager: EntityManager, usage: UsageInput, at: Date = new Date()): Promise<UsageOutcome> {
    const minutes = this.validatedMinutes(usage);
    const { orgId } = usage;
    const period = periodOf(at);
    const account = await this.accounts.find(orgId, manager);
    const unitPriceCents = account?.pricePerMinuteCents ?? this.config.BILLING_PRICE_PER_MINUTE_CENTS;
    const cost = costCents(minutes, unitPriceCents);
    const entryId = newId('use');
    const claimed = await this.ledger.claim(manager, {
      id: entryId,
      orgId,
      recordId: usage.recordId,
      projectId: usage.projectId,
      stage: usage.stage,
      version: usage.version,
      durationSeconds: usage.durationSeconds ?? 0,
      minutes,
      unitPriceCents,
      costCents: cost,
      period,
      at,
    });
    if (!claimed) return { billed: false };

    let creditCentsUsed = 0;
    if (cost > 0) {
      const plan = planDrawDown(await this.credits.lockUsable(manager, orgId, at), cost, at);
      for (const draw of plan.draws) await this.credits.draw(manager, orgId, draw.grantId, draw.cents);
      creditCentsUsed = plan.creditCentsUsed;
      if (creditCentsUsed > 0) await this.ledger.setCreditUsed(manager, orgId, entryId, creditCentsUsed);
    }
    const billedBefore = await this.ledger.billedEarlierInPeriod(
      manager,
      orgId,
      usage.recordId,
      period,
      entryId,
    );
    const counted = { records: billedBefore ? 0 : 1, minutes, costCents: cost, creditCentsUsed };
    const slot = totalSlotOf(usage.recordId);
    await this.totals.add(manager, orgId, period, slot, counted);
    await this.daily.add(manager, orgId, dayOf(at), usage.projectId, slot, counted);
    // The spend seen here is every committed stage's plus this one's: stages running beside it are counted by the
    // next one, and uploads are refused (assertWithinBudget) as soon as the committed spend reaches the budget.
    const budgetLimitCents = account?.budgetLimitCents ?? null;
    const spend = budgetLimitCents === null ? null : await this.totals.find(orgId, period, manager);
    const budgetReached =
      spend !== null &&
      spend.budgetExceededAt === null &&
      (await this.flagIfBudgetReached(
        manager,
        orgId,
        period,
        budgetLimitCents,
        spend.costCents - spend.creditCentsUsed,
        at,
      ));
    return { billed: true, entryId, minutes, costCents: cost, creditCentsUsed, budgetReached };
  }

  /** Throws BUDGET_EXCEEDED (402) once the current period's charge has reached the organisation's budget. */
  async assertWithinBudget(orgId: string, at: Date = new Date()): Promise<void> {
    const account = await this.accounts.find(orgId);
    if (account?.budgetLimitCents === null || account?.budgetLimitCents === undefined) return;
    const period = periodOf(at);
    const totals = await this.totals.find(orgId, period);
    const charged = totals ? totals.costCents - totals.creditCentsUsed : 0;
    if (charged >= account.budgetLimitCents) throw budgetExceeded(period, account.budgetLimitCents, charged);
  }

  async summary(orgId: string, period?: string, at: Date = new Date()): Promise<BillingSummaryView> {
    const month = period ?? periodOf(at);
    const [account, totals, available] = await Promise.all([
      this.accounts.find(orgId),
      this.totals.find(orgId, month),
      this.credits.availableCents(orgId, at),
    ]);
    const cost = totals?.costCents ?? 0;
    const creditUsed = totals?.creditCentsUsed ?? 0;
    const budgetLimitCents = account?.budgetLimitCents ?? null;
    return {
      orgId,
      period: month,
      totalRecords: totals?.records ?? 0,
      totalMinutes: totals?.minutes ?? 0,
      totalCost: centsToAmount(cost),
      chargedCost: centsToAmount(cost - creditUsed),
      budgetLimit: budgetLimitCents === null ? null : centsToAmount(budgetLimitCents),
      budgetUsedPercent: budgetUsedPercent(cost - creditUsed, budgetLimitCents),
      budgetExceeded: budgetLimitCents !== null && cost - creditUsed >= budgetLimitCents,
      pricePerMinute: centsToAmount(
        account?.pricePerMinuteCents ?? this.config.BILLING_PRICE_PER_MINUTE_CENTS,
      ),
      credits: { available: centsToAmount(available), used: centsToAmount(creditUsed) },
    };
  }

  async usage(
    orgId: string,
    query: { from?: string; to?: string; groupBy: UsageGrouping },
    page: PageRequest,
    at: Date = new Date(),
  ): Promise<{ items: UsageBucketView[]; total: number; days: { fromDay: string; toDay: string } }> {
    const days = this.usageDays(query.from, query.to, at);
    const { rows, total } = await this.daily.grouped(orgId, query.groupBy, days, page);
    return { items: rows.map((row) => presentUsageBucket(query.groupBy, row)), total, days };
  }

  async listCredits(orgId: string, page: PageRequest, at: Date = new Date()) {
    const [grants, total, nextCursor] = await this.credits.newestFirst(orgId, page);
    return { items: grants.map((grant) => presentCreditGrant(grant, at)), total, nextCursor };
  }

  async grantCredit(
    context: TenantContext,
    input: { amount: number; expiresAt: string },
    at: Date = new Date(),
  ): Promise<CreditGrantView> {
    const cents = amountToCents(input.amount);
    if (cents === null || cents <= 0 || input.amount > MAX_CREDIT_GRANT)
      throw invalidRange('amount must be a positive amount with at most two decimals', 'amount');
    const expiresAt = new Date(input.expiresAt);
    if (expiresAt.getTime() <= at.getTime() || expiresAt.getTime() - at.getTime() > MAX_CREDIT_LIFETIME_MS)
      throw invalidRange('expiresAt must be in the future and at most 10 years ahead', 'expiresAt');
    if ((await this.credits.countUsable(context.orgId, at)) >= MAX_USABLE_CREDIT_GRANTS)
      throw tooManyCreditGrants(MAX_USABLE_CREDIT_GRANTS);
    const grant = await this.credits.insert(context.orgId, {
      id: newId('crd'),
      amountCents: cents,
      remainingCents: cents,
      expiresAt,
      createdBy: context.actor.kind === 'user' ? context.actor.userId : null,
    });
    return presentCreditGrant(grant, at);
  }

  /**
   * Sets (or with null removes) the monthly budget. A budget already reached by this month's charge blocks new work
   * at once and writes the period's one billing.budget_exceeded event, as reaching it by usage would.
   */
  async setBudget(
    orgId: string,
    budgetLimit: number | null,
    at: Date = new Date(),
  ): Promise<BillingSummaryView> {
    const budgetLimitCents = budgetLimit === null ? null : amountToCents(budgetLimit);
    if (budgetLimit !== null && (budgetLimitCents === null || budgetLimitCents < 0))
      throw invalidRange('budgetLimit must be an amount >= 0 with at most two decimals', 'budgetLimit');
    const period = periodOf(at);
    await this.database.transaction(async (manager) => {
      await this.accounts.setBudget(manager, orgId, budgetLimitCents);
      const totals = await this.totals.find(orgId, period, manager);
      if (totals?.budgetExceededAt) return;
      const charged = totals ? totals.costCents - totals.creditCentsUsed : 0;
      await this.flagIfBudgetReached(manager, orgId, period, budgetLimitCents, charged, at);
    });
    return this.summary(orgId, period, at);
  }

  private async flagIfBudgetReached(
    manager: EntityManager,
    orgId: string,
    period: string,
    budgetLimitCents: number | null,
    chargedCents: number,
    at: Date,
  ): Promise<boolean> {
    if (budgetLimitCents === null || chargedCents < budgetLimitCents) return false;
    if (!(await this.totals.markBudgetExceeded(manager, orgId, period, at))) return false;
    await this.outbox.add(manager, {
      orgId,
      type: 'billing.budget_exceeded',
      dedupeKey: `billing.budget_exceeded:${orgId}:${period}`,
      data: {
        orgId,
        period,
        budgetLimit: centsToAmount(budgetLimitCents),
        chargedCost: centsToAmount(chargedCents),
        exceededAt: at.toISOString(),
      },
    });
    return true;
  }

  private validatedMinutes(usage: UsageInput): number {
    if (!BILLABLE_STAGES.includes(usage.stage))
      throw invalidUsage(`stage ${String(usage.stage)} is not billable`);
    if (!Number.isInteger(usage.version) || usage.version < 1)
      throw invalidUsage('version must be a positive integer');
    if (!usage.orgId || !usage.recordId || !usage.projectId)
      throw invalidUsage('orgId, recordId and projectId are required');
    try {
      return billableMinutes(usage.durationSeconds);
    } catch {
      throw invalidUsage('durationSeconds must be a finite number >= 0');
    }
  }

  /** The report works in whole UTC days, both ends included; an instant stands for its UTC day. */
  private usageDays(from: string | undefined, to: string | undefined, at: Date) {
    const fromDay = from ? utcDay(from, 'from') : periodBounds(periodOf(at)).start.toISOString().slice(0, 10);
    const toDay = to ? utcDay(to, 'to') : dayOf(at);
    const span = (Date.parse(toDay) - Date.parse(fromDay)) / DAY_MS;
    if (span < 0) throw invalidRange('from must not be after to', 'from');
    if (span >= MAX_USAGE_RANGE_DAYS)
      throw invalidRange(`the range may span at most ${MAX_USAGE_RANGE_DAYS} days`, 'to');
    return { fromDay, toDay };
  }
}
