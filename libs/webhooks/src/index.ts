export * from './outbox/outbox-event.entity';
export * from './outbox/outbox.service';
export * from './outbox/outbox.relay';
export * from './webhooks.module';
