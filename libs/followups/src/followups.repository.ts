import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { inRecordScope, newestFirstPage, Page, TenantRepository, type RecordScope } from '@app/database';
import type { ListFollowupsQuery } from './dto/followup.dto';
import { FollowupEntity } from './followup.entity';

type NewFollowup = Omit<FollowupEntity, 'orgId' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class FollowupsRepository extends TenantRepository<FollowupEntity> {
  constructor(@InjectRepository(FollowupEntity) repository: Repository<FollowupEntity>) {
    super(repository);
  }

  /** Inserts those not stored yet (a found follow-up's ai_key is unique per record); returns the ids inserted. */
  async insertNew(orgId: string, rows: NewFollowup[], manager: EntityManager): Promise<string[]> {
    if (rows.length === 0) return [];
    const result = await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(FollowupEntity)
      .values(rows.map((row) => ({ ...row, orgId })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as Array<{ id: string }>).map((row) => row.id);
  }

  findForUpdate(orgId: string, id: string, manager: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  findByIds(orgId: string, ids: string[], manager?: EntityManager) {
    return this.query(orgId, 'followup', manager).andWhere('followup.id IN (:...ids)', { ids }).getMany();
  }

  list(orgId: string, query: ListFollowupsQuery, scope: RecordScope | null): Promise<Page<FollowupEntity>> {
    const builder = this.query(orgId, 'followup');
    if (scope) builder.andWhere(inRecordScope('followup.record_id', scope), scope.params);
    if (query.status) builder.andWhere('followup.status = :status', { status: query.status });
    if (query.type) builder.andWhere('followup.type = :type', { type: query.type });
    if (query.ownerId) builder.andWhere('followup.owner_id = :ownerId', { ownerId: query.ownerId });
    if (query.projectId) builder.andWhere('followup.project_id = :projectId', { projectId: query.projectId });
    if (query.recordId) builder.andWhere('followup.record_id = :recordId', { recordId: query.recordId });
    if (query.starred !== undefined)
      builder.andWhere('followup.starred = :starred', { starred: query.starred });
    return newestFirstPage(builder, { orgId, alias: 'followup', column: 'created_at', page: query });
  }

  /** Every follow-up of these records, oldest first (a page of records at once). */
  ofRecords(orgId: string, recordIds: string[]): Promise<FollowupEntity[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return this.query(orgId, 'followup')
      .andWhere('followup.record_id IN (:...recordIds)', { recordIds })
      .orderBy('followup.created_at', 'ASC')
      .addOrderBy('followup.id', 'ASC')
      .getMany();
  }

  async deleteForRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .delete()
      .where('org_id = :orgId AND record_id IN (:...recordIds)', { orgId, recordIds })
      .execute();
  }
}
