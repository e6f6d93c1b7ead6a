import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from '@app/core';
import { IdentityModule } from '@app/identity';
import { RecordExtensions, RecordsModule } from '@app/records';
import { WebhooksModule } from '@app/webhooks';
import { AlertsService } from './alerts.service';
import { AlertEmailsService } from './emails/alert-emails.service';
import { AlertEventEntity } from './events/alert-event.entity';
import { AlertEventsRepository } from './events/alert-events.repository';
import { AlertRuleEntity } from './rules/alert-rule.entity';
import { AlertRulesRepository } from './rules/alert-rules.repository';

/** Alerts context: rules, their evaluation on processed records, alert events and the email action. */
@Module({
  imports: [
    TypeOrmModule.forFeature([AlertRuleEntity, AlertEventEntity]),
    RecordsModule,
    WebhooksModule,
    IdentityModule,
  ],
  providers: [AlertRulesRepository, AlertEventsRepository, AlertsService, AlertEmailsService, Mailer],
  exports: [AlertsService, AlertEmailsService],
})
export class AlertsModule implements OnModuleInit {
  constructor(
    private readonly extensions: RecordExtensions,
    private readonly alerts: AlertsService,
  ) {}

  onModuleInit(): void {
    this.extensions.onRecordsDeleted('alerts', (orgId, recordIds, manager) =>
      this.alerts.deleteEventsOfRecords(orgId, recordIds, manager),
    );
  }
}
