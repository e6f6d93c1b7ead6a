import { CreditGrant } from './entities/credit-grant.entity';
import { centsToAmount } from './money';
import { UsageBucketRow, UsageGrouping } from './repositories/daily-usage.repository';

/** GET /billing/summary/:orgId (api.md) plus added fields: chargedCost, pricePerMinute, budgetExceeded. */
export interface BillingSummaryView {
  orgId: string;
  period: string;
  totalRecords: number;
  totalMinutes: number;
  /** Minutes times price, before credits. */
  totalCost: number;
  /** What is charged after credits; the budget is measured against this. */
  chargedCost: number;
  budgetLimit: number | null;
  budgetUsedPercent: number | null;
  budgetExceeded: boolean;
  pricePerMinute: number;
  credits: { available: number; used: number };
}

export interface CreditGrantView {
  id: string;
  amount: number;
  remaining: number;
  used: number;
  expiresAt: string;
  expired: boolean;
  createdAt: string;
}

export const presentCreditGrant = (grant: CreditGrant, now: Date): CreditGrantView => ({
  id: grant.id,
  amount: centsToAmount(grant.amountCents),
  remaining: centsToAmount(grant.remainingCents),
  used: centsToAmount(grant.amountCents - grant.remainingCents),
  expiresAt: grant.expiresAt.toISOString(),
  expired: grant.expiresAt.getTime() <= now.getTime(),
  createdAt: grant.createdAt.toISOString(),
});

export interface UsageBucketView {
  date?: string;
  projectId?: string;
  records: number;
  minutes: number;
  cost: number;
  creditsUsed: number;
  chargedCost: number;
}

export const presentUsageBucket = (grouping: UsageGrouping, row: UsageBucketRow): UsageBucketView => ({
  ...(grouping === 'day' ? { date: row.key } : { projectId: row.key }),
  records: row.records,
  minutes: row.minutes,
  cost: centsToAmount(row.costCents),
  creditsUsed: centsToAmount(row.creditCentsUsed),
  chargedCost: centsToAmount(row.costCents - row.creditCentsUsed),
});
