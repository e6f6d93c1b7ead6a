import { Module } from '@nestjs/common';
import { AlertsModule } from '@app/alerts';
import { AlertsController } from './alerts.controller';

/** The HTTP side of alerts: rules CRUD and the list of triggered alerts. */
@Module({
  imports: [AlertsModule],
  controllers: [AlertsController],
})
export class AlertsApiModule {}
