import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WebhooksModule } from '@app/webhooks';
import { BillingService } from './billing.service';
import { BillingAccount } from './entities/billing-account.entity';
import { CreditGrant } from './entities/credit-grant.entity';
import { DailyUsage } from './entities/daily-usage.entity';
import { PeriodTotal } from './entities/period-total.entity';
import { UsageEntry } from './entities/usage-entry.entity';
import { BillingAccountsRepository } from './repositories/billing-accounts.repository';
import { CreditGrantsRepository } from './repositories/credit-grants.repository';
import { DailyUsageRepository } from './repositories/daily-usage.repository';
import { PeriodTotalsRepository } from './repositories/period-totals.repository';
import { UsageLedgerRepository } from './repositories/usage-ledger.repository';

/** Usage metering, credits and budgets. The pipeline bills through BillingService.recordUsage. */
@Module({
  imports: [
    TypeOrmModule.forFeature([UsageEntry, CreditGrant, BillingAccount, PeriodTotal, DailyUsage]),
    WebhooksModule,
  ],
  providers: [
    BillingService,
    UsageLedgerRepository,
    CreditGrantsRepository,
    BillingAccountsRepository,
    PeriodTotalsRepository,
    DailyUsageRepository,
  ],
  exports: [BillingService],
})
export class BillingModule {}
