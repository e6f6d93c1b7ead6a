import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { newId } from '@app/core';
import { EventType, OutboxEvent } from './outbox-event.entity';

export interface NewEvent {
  orgId: string;
  type: EventType;
  /** What makes this event unique, e.g. `record.completed:rec_…:1`; a second add with the same key is a no-op. */
  dedupeKey: string;
  data: Record<string, unknown>;
}

/** The webhook body of api.md, fixed when the event is written so every delivery attempt sends the same bytes. */
export interface EventBody {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown>;
}

@Injectable()
export class OutboxService {
  constructor(@InjectRepository(OutboxEvent) private readonly events: Repository<OutboxEvent>) {}

  /** Writes the event in the caller's transaction: it exists exactly when the change it announces commits. */
  async add(manager: EntityManager, event: NewEvent): Promise<void> {
    const body: EventBody = { type: event.type, timestamp: new Date().toISOString(), data: event.data };
    await manager
      .createQueryBuilder()
      .insert()
      .into(OutboxEvent)
      .values({
        id: newId('evt'),
        orgId: event.orgId,
        type: event.type,
        dedupeKey: event.dedupeKey,
        payload: body,
      } as unknown as QueryDeepPartialEntity<OutboxEvent>)
      .orIgnore()
      .execute();
  }

  findOne(orgId: string, id: string): Promise<OutboxEvent | null> {
    return this.events.findOne({ where: { orgId, id } });
  }

  findByType(orgId: string, type: EventType): Promise<OutboxEvent[]> {
    return this.events.find({ where: { orgId, type }, order: { createdAt: 'ASC' } });
  }
}
