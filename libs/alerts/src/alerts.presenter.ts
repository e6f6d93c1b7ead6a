import type { AlertEventEntity } from './events/alert-event.entity';
import type { AlertRuleEntity } from './rules/alert-rule.entity';

export const presentAlertRule = (rule: AlertRuleEntity) => ({
  id: rule.id,
  name: rule.name,
  projectId: rule.projectId,
  condition: rule.condition,
  actions: rule.actions,
  emails: rule.emails,
  enabled: rule.enabled,
  createdAt: rule.createdAt.toISOString(),
  updatedAt: rule.updatedAt.toISOString(),
});

export type AlertRuleView = ReturnType<typeof presentAlertRule>;

/** An alert event as api.md shows it (`GET /alerts/events`) and as `alert.triggered` carries it. */
export const presentAlertEvent = (event: AlertEventEntity) => ({
  id: event.id,
  alertId: event.alertId,
  recordId: event.recordId,
  version: event.recordVersion,
  triggeredAt: event.createdAt.toISOString(),
  matched: event.matched,
});

export type AlertEventView = ReturnType<typeof presentAlertEvent>;
