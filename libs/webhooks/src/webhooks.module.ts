import { AuditModule } from '@app/audit';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Mailer } from '@app/core';
import { IdentityModule } from '@app/identity';
import { DeliveriesRepository } from './deliveries/deliveries.repository';
import { DeliveriesService } from './deliveries/deliveries.service';
import { DeliveryAttempt } from './deliveries/delivery-attempt.entity';
import { Delivery } from './deliveries/delivery.entity';
import { FailingEndpointNotifier } from './deliveries/failing-endpoint-notifier';
import { SuccessRecorder } from './deliveries/success-recorder';
import { WebhookSender } from './deliveries/webhook-sender';
import { WebhookEndpoint } from './endpoints/webhook-endpoint.entity';
import { WebhookEndpointsRepository } from './endpoints/webhook-endpoints.repository';
import { WebhooksService } from './endpoints/webhooks.service';
import { OutboxEvent } from './outbox/outbox-event.entity';
import { OutboxService } from './outbox/outbox.service';
import { SecretBox } from './secrets/secret-box';

/**
 * Outbox (events written with the changes they announce), endpoints, and signed at-least-once delivery.
 * The OutboxRelay is not provided here: worker processes register it (apps/worker).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([OutboxEvent, WebhookEndpoint, Delivery, DeliveryAttempt]),
    IdentityModule,
    AuditModule,
  ],
  providers: [
    OutboxService,
    SecretBox,
    WebhookEndpointsRepository,
    DeliveriesRepository,
    WebhooksService,
    WebhookSender,
    Mailer,
    FailingEndpointNotifier,
    SuccessRecorder,
    DeliveriesService,
  ],
  exports: [OutboxService, WebhooksService, DeliveriesService],
})
export class WebhooksModule {}
