export * from './outbox/outbox-event.entity';
export * from './outbox/outbox.service';
export * from './outbox/outbox.relay';
export * from './webhooks.module';
export * from './endpoints/webhooks.service';
export * from './deliveries/deliveries.service';
export { signedHeaders } from './deliveries/webhook-sender';
export * from './dto/create-webhook.dto';
export * from './dto/update-webhook.dto';
