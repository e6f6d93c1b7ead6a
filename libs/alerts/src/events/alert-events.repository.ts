import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import {
  inRecordScope,
  newestFirstPage,
  Page,
  PageRequest,
  TenantRepository,
  type RecordScope,
} from '@app/database';
import { AlertEventEntity } from './alert-event.entity';

export interface AlertEventFilter {
  alertId?: string;
  recordId?: string;
  /** The records the caller may see (RecordsService.visibleIdsSubquery). */
  recordScope?: RecordScope;
  from?: Date;
  to?: Date;
  /** Only events of records this user owned when they triggered (agents). */
  recordOwnerId?: string;
}

export type NewAlertEvent = Omit<AlertEventEntity, 'createdAt' | 'updatedAt' | 'emailedAt'>;

@Injectable()
export class AlertEventsRepository extends TenantRepository<AlertEventEntity> {
  constructor(@InjectRepository(AlertEventEntity) repository: Repository<AlertEventEntity>) {
    super(repository);
  }

  /**
   * Inserts the events that do not exist yet for (rule, record, version) and returns only those: a retried stage
   * finds its events already there and adds nothing.
   */
  async insertNew(manager: EntityManager, events: NewAlertEvent[]): Promise<AlertEventEntity[]> {
    if (events.length === 0) return [];
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(AlertEventEntity)
      .values(events as unknown as QueryDeepPartialEntity<AlertEventEntity>[])
      .orIgnore()
      .returning(['id'])
      .execute();
    const ids = (result.raw as Array<{ id: string }>).map((row) => row.id);
    if (ids.length === 0) return [];
    const orgId = events[0].orgId;
    return this.query(orgId, 'event', manager)
      .andWhere('event.id IN (:...ids)', { ids })
      .orderBy('event.id', 'ASC')
      .getMany();
  }

  list(orgId: string, filter: AlertEventFilter, page: PageRequest): Promise<Page<AlertEventEntity>> {
    const query = this.query(orgId, 'event');
    if (filter.alertId) query.andWhere('event.alert_id = :alertId', { alertId: filter.alertId });
    if (filter.recordId) query.andWhere('event.record_id = :recordId', { recordId: filter.recordId });
    if (filter.from) query.andWhere('event.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('event.created_at <= :to', { to: filter.to });
    if (filter.recordOwnerId)
      query.andWhere('event.record_owner_id = :owner', { owner: filter.recordOwnerId });
    if (filter.recordScope)
      query.andWhere(inRecordScope('event.record_id', filter.recordScope), filter.recordScope.params);
    return newestFirstPage(query, { orgId, alias: 'event', column: 'created_at', page });
  }

  /** Marks the email sent unless another worker already did; false when it had been sent before. */
  async markEmailed(orgId: string, id: string): Promise<boolean> {
    const result = await this.repo().update({ orgId, id, emailedAt: IsNull() }, { emailedAt: new Date() });
    return (result.affected ?? 0) > 0;
  }

  /** Events whose email is still owed and older than `before`, across organisations (for a sweep). */
  findUnsent(before: Date, limit: number): Promise<AlertEventEntity[]> {
    return this.repo()
      .createQueryBuilder('event')
      .where('event.emailed_at IS NULL')
      .andWhere(`cardinality(event.email_recipients) > 0`)
      .andWhere('event.created_at < :before', { before })
      .orderBy('event.created_at', 'ASC')
      .take(limit)
      .getMany();
  }

  async deleteForRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    await this.repo(manager).delete({ orgId, recordId: In(recordIds) });
  }
}
