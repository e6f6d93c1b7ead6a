import type { TenantContext } from '@app/core';
import type { RecordEntity } from '../record.entity';
import { presentRecord } from '../record.presenter';

/** Webhook receivers are the organisation's own integrations: they see the record as a supervisor does. */
const systemView = (orgId: string): TenantContext => ({
  orgId,
  actor: { kind: 'client', clientId: 'system' },
  role: 'supervisor',
  scopes: [],
});

/** The `data` of record.* events: the api.md record shape without the list-only extras. */
export function recordEventData(record: RecordEntity): Record<string, unknown> {
  const {
    tags: _tags,
    hasNotes: _hasNotes,
    ...view
  } = presentRecord(record, systemView(record.orgId), {
    tags: [],
    hasNotes: false,
  });
  return view;
}
