import { CompatModule } from './compat/compat.module';
import { MetricsModule } from './metrics/metrics.module';
import { CrmApiModule } from './crm/crm-api.module';
import { PrivacyApiModule } from './privacy/privacy-api.module';
import { RetentionApiModule } from './retention/retention-api.module';
import { AuditApiModule } from './audit/audit-api.module';
import { FollowupsApiModule } from './followups/followups-api.module';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CoreModule } from '@app/core';
import { DatabaseModule } from '@app/database';
import { QueueModule } from '@app/queue';
import { AlertsApiModule } from './alerts/alerts-api.module';
import { AnalysisApiModule } from './analysis/analysis-api.module';
import { BillingApiModule } from './billing/billing-api.module';
import { HealthModule } from './health/health.module';
import { AccessGuard } from './identity/access.guard';
import { IdentityApiModule } from './identity/identity-api.module';
import { PipelineApiModule } from './pipeline/pipeline-api.module';
import { RecordsHttpModule } from './records/records-http.module';
import { SearchApiModule } from './search/search-api.module';
import { TranscribesApiModule } from './transcribes/transcribes-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';

/** The HTTP application: controllers and guards over the shared context modules. Enqueues work, never does it. */
@Module({
  imports: [
    CoreModule,
    DatabaseModule,
    QueueModule,
    HealthModule,
    IdentityApiModule,
    RecordsHttpModule,
    AlertsApiModule,
    BillingApiModule,
    WebhooksApiModule,
    PipelineApiModule,
    SearchApiModule,
    AnalysisApiModule,
    TranscribesApiModule,
    FollowupsApiModule,
    AuditApiModule,
    RetentionApiModule,
    PrivacyApiModule,
    CrmApiModule,
    CompatModule,
    MetricsModule,
  ],
  // Every route is closed unless it declares @Public() or @Access(...): see AccessGuard.
  providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
})
export class ApiModule {}
