import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { newestFirstPage, Page, PageRequest, TenantRepository } from '@app/database';
import { TranscribeEntity } from './transcribe.entity';

export interface TranscribeFilter {
  contactId?: string;
  /** An agent sees only the transcribes it created. */
  ownerId?: string;
}

@Injectable()
export class TranscribesRepository extends TenantRepository<TranscribeEntity> {
  constructor(@InjectRepository(TranscribeEntity) repository: Repository<TranscribeEntity>) {
    super(repository);
  }

  /** A transcribe that is not deleted, or null. */
  findLive(orgId: string, id: string, manager?: EntityManager): Promise<TranscribeEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, id, deletedAt: IsNull() } });
  }

  /** Most recent first; the id breaks ties of the same instant (ULIDs sort by time). */
  listLive(
    orgId: string,
    filter: TranscribeFilter,
    page: PageRequest & { skip?: number },
  ): Promise<Page<TranscribeEntity>> {
    const query = this.query(orgId, 'transcribe').andWhere('transcribe.deleted_at IS NULL');
    if (filter.contactId)
      query.andWhere('transcribe.contact_id = :contactId', { contactId: filter.contactId });
    if (filter.ownerId) query.andWhere('transcribe.owner_id = :ownerId', { ownerId: filter.ownerId });
    return newestFirstPage(query, {
      orgId,
      alias: 'transcribe',
      column: 'created_at',
      page: { ...page, offset: page.skip },
    });
  }

  countLiveOfContact(orgId: string, contactId: string, manager?: EntityManager): Promise<number> {
    return this.repo(manager).count({ where: { orgId, contactId, deletedAt: IsNull() } });
  }

  /** Marks deleted once; false when it already was (or never existed). */
  async softDelete(orgId: string, id: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager).update(
      { orgId, id, deletedAt: IsNull() },
      { deletedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Their records were purged: the transcribes and their entries (the conversation's text) go for good. */
  async deleteOfRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM transcribes WHERE org_id = $1 AND record_id = ANY($2::text[])`, [
      orgId,
      recordIds,
    ]);
  }

  /** The record was restored: its transcribe is back too. */
  async restoreOfRecord(orgId: string, recordId: string, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE transcribes SET deleted_at = NULL WHERE org_id = $1 AND record_id = $2`, [
      orgId,
      recordId,
    ]);
  }

  /** Their records were deleted (restorable): the transcribes are hidden with them. */
  async softDeleteOfRecords(orgId: string, recordIds: string[], manager: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({ deletedAt: () => 'now()' })
      .where('org_id = :orgId AND record_id IN (:...recordIds) AND deleted_at IS NULL', { orgId, recordIds })
      .execute();
  }
}
