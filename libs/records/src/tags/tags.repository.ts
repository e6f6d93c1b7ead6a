import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId } from '@app/core';
import { TenantRepository } from '@app/database';
import { RecordTagEntity } from './record-tag.entity';
import { TagEntity } from './tag.entity';

export interface RecordTag {
  recordId: string;
  id: string;
  value: string;
}

@Injectable()
export class TagsRepository extends TenantRepository<TagEntity> {
  constructor(@InjectRepository(TagEntity) repository: Repository<TagEntity>) {
    super(repository);
  }

  /** The tag with this value (case-insensitive), created when missing; safe under concurrent calls. */
  async upsertByValue(orgId: string, value: string, manager?: EntityManager): Promise<TagEntity> {
    const rows = (await this.repo(manager).query(
      `INSERT INTO tags (id, org_id, value) VALUES ($1, $2, $3)
       ON CONFLICT (org_id, lower(value)) DO UPDATE SET updated_at = tags.updated_at
       RETURNING id, org_id AS "orgId", value, created_at AS "createdAt", updated_at AS "updatedAt"`,
      [newId('tag'), orgId, value],
    )) as TagEntity[];
    return rows[0];
  }

  async attach(orgId: string, recordId: string, tagId: string, manager?: EntityManager): Promise<void> {
    await this.repo(manager).query(
      `INSERT INTO record_tags (record_id, tag_id, org_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
      [recordId, tagId, orgId],
    );
  }

  async detach(orgId: string, recordId: string, tagId: string): Promise<boolean> {
    const result = await this.repo()
      .manager.getRepository(RecordTagEntity)
      .delete({ orgId, recordId, tagId });
    return (result.affected ?? 0) > 0;
  }

  async forRecords(orgId: string, recordIds: string[]): Promise<RecordTag[]> {
    if (recordIds.length === 0) return [];
    return this.repo()
      .manager.getRepository(RecordTagEntity)
      .createQueryBuilder('rt')
      .innerJoin(TagEntity, 't', 't.id = rt.tag_id AND t.org_id = rt.org_id')
      .select(['rt.record_id AS "recordId"', 't.id AS "id"', 't.value AS "value"'])
      .where('rt.org_id = :orgId AND rt.record_id IN (:...recordIds)', { orgId, recordIds })
      .orderBy('t.value', 'ASC')
      .getRawMany<RecordTag>();
  }
}
