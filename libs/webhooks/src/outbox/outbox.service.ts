import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { newId } from '@app/core';
import { EventType, MessageType, OutboxEvent, TEST_EVENT_TYPE } from './outbox-event.entity';

export interface NewEvent {
  orgId: string;
  type: EventType;
  /** What makes this event unique, e.g. `record.completed:rec_…:1`; a second add with the same key is a no-op. */
  dedupeKey: string;
  data: Record<string, unknown>;
}

/** The webhook body of api.md, fixed when the event is written so every delivery attempt sends the same bytes. */
export interface EventBody {
  type: MessageType;
  timestamp: string;
  data: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  constructor(@InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>) {}

  /** Writes the event in the caller's transaction: it exists exactly when the change it announces commits. */
  add(manager: EntityManager, event: NewEvent): Promise<void> {
    return this.addAll(manager, [event]);
  }

  /** Writes several events in one statement, in the caller's transaction (an event already written is kept). */
  async addAll(manager: EntityManager, events: NewEvent[]): Promise<void> {
    if (events.length === 0) return;
    const timestamp = new Date().toISOString();
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values(
        events.map(
          (event) =>
            ({
              id: newId('evt'),
              orgId: event.orgId,
              type: event.type,
              dedupeKey: event.dedupeKey,
              payload: { type: event.type, timestamp, data: event.data } satisfies EventBody,
            }) as unknown as QueryDeepPartialEntity<OutboxEvent>,
        ),
      )
      .orIgnore()
      .execute();
  }

  /**
   * A `webhook.test` message for one endpoint: written as already relayed, because it is not fanned out to
   * subscribers but delivered directly by its caller. Returns the event id (the webhook-id).
   */
  async addTestMessage(
    manager: EntityManager,
    orgId: string,
    data: Record<string, unknown>,
  ): Promise<string> {
    const id = newId('evt');
    const body: EventBody = { type: TEST_EVENT_TYPE, timestamp: new Date().toISOString(), data };
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values({
        id,
        orgId,
        type: TEST_EVENT_TYPE,
        dedupeKey: `${TEST_EVENT_TYPE}:${id}`,
        payload: body,
        relayedAt: new Date(),
      } as unknown as QueryDeepPartialEntity<OutboxEvent>)
      .execute();
    return id;
  }

  findOne(orgId: string, id: string): Promise<OutboxEvent | null> {
    return this.events.findOne({ where: { orgId, id } });
  }

  findByType(orgId: string, type: EventType): Promise<OutboxEvent[]> {
    return this.events.find({ where: { orgId, type }, order: { createdAt: 'ASC' } });
  }

  /**
   * Purged records: every event about them keeps only the record's id and `purged: true`, so a delivery still due
   * (or retried later) sends no content, and no stored copy of it remains in the outbox.
   */
  async redactRecords(manager: EntityManager, orgId: string, recordIds: string[]): Promise<void> {
    if (recordIds.length === 0) return;
    await manager.query(
      `UPDATE outbox_events
          SET payload = jsonb_set(payload, '{data}',
                jsonb_build_object('id', COALESCE(payload->'data'->>'recordId', payload->'data'->>'id'), 'purged', true))
        WHERE org_id = $1
          AND (payload->'data'->>'id' = ANY($2::text[]) OR payload->'data'->>'recordId' = ANY($2::text[]))`,
      [orgId, recordIds],
    );
  }
}
