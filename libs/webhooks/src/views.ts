import type { DeliveryAttempt } from './deliveries/delivery-attempt.entity';
import type { Delivery } from './deliveries/delivery.entity';
import type { WebhookEndpoint } from './endpoints/webhook-endpoint.entity';

export const endpointView = (endpoint: WebhookEndpoint) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  enabled: endpoint.enabled,
  disabledReason: endpoint.disabledReason,
  failingSince: endpoint.failingSince,
  createdAt: endpoint.createdAt,
  updatedAt: endpoint.updatedAt,
});

export const attemptView = (attempt: DeliveryAttempt) => ({
  attempt: attempt.attempt,
  attemptedAt: attempt.attemptedAt,
  statusCode: attempt.statusCode,
  durationMs: attempt.durationMs,
  responseSnippet: attempt.responseSnippet,
  error: attempt.error,
});

export const deliveryView = (delivery: Delivery, attempts: DeliveryAttempt[] = []) => ({
  id: delivery.id,
  webhookId: delivery.endpointId,
  /** The webhook-id header of every attempt. */
  messageId: delivery.eventId,
  eventType: delivery.eventType,
  status: delivery.status,
  attemptCount: delivery.attemptCount,
  nextAttemptAt: delivery.status === 'pending' ? delivery.nextAttemptAt : null,
  lastStatusCode: delivery.lastStatusCode,
  lastError: delivery.lastError,
  deliveredAt: delivery.deliveredAt,
  createdAt: delivery.createdAt,
  attempts: attempts.map(attemptView),
});
