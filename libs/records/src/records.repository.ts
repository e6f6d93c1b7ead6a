import { FEATURES_NOT_BUILT, FeatureName } from './lifecycle/features';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { nextCursorOf } from '@app/core';
import { cursorRowId, TenantRepository } from '@app/database';
import { ListRecordsQuery } from './dto/list-records.query';
import { RecordEntity } from './record.entity';

/** Totals of record lists are exact up to this many records; beyond, an estimate flagged as such. */
export const LIST_TOTAL_EXACT_UP_TO = 10_000;

const SORT_COLUMNS: Record<ListRecordsQuery['sort'], string> = {
  createdAt: 'r.created_at',
  date: 'r.date',
  duration: 'r.duration',
  qualityScore: 'r.quality_score',
};

/** A page of records: the rows, the total, whether it is an estimate, and the next page's cursor. */
export type RecordPage = [RecordEntity[], number, boolean, string | null];

/**
 * The records after the cursor's row (`:cursorRowId`) in the order `column` `direction` NULLS LAST, then id — the
 * order of the page. created_at is never null, so it compares as a row value the listing index serves; the other
 * columns may be null, and nulls come last in either direction.
 */
function afterCursorRow(column: string, direction: 'ASC' | 'DESC'): string {
  const beyond = direction === 'DESC' ? '<' : '>';
  const cursorColumn = column.replace(/^r\./, 'k.');
  if (column === 'r.created_at')
    return `(r.created_at, r.id) ${beyond} (SELECT k.created_at, k.id FROM records k WHERE k.org_id = r.org_id AND k.id = :cursorRowId)`;
  return `EXISTS (SELECT 1 FROM records k WHERE k.org_id = r.org_id AND k.id = :cursorRowId AND CASE
            WHEN ${cursorColumn} IS NULL THEN ${column} IS NULL AND r.id ${beyond} k.id
            ELSE ${column} ${beyond} ${cursorColumn} OR (${column} = ${cursorColumn} AND r.id ${beyond} k.id) OR ${column} IS NULL
          END)`;
}

export interface ProjectStatsRow {
  totalRecords: number;
  completedRecords: number;
  failedRecords: number;
  averageQualityScore: number | null;
  averageDuration: number | null;
  positive: number;
  neutral: number;
  negative: number;
}

@Injectable()
export class RecordsRepository extends TenantRepository<RecordEntity> {
  constructor(@InjectRepository(RecordEntity) repository: Repository<RecordEntity>) {
    super(repository);
  }

  /** A record that is not deleted (hidden); deleted ones only through findIncludingDeleted. */
  override findOne(orgId: string, id: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, id, deletedAt: IsNull() } });
  }

  /**
   * A row of `UPDATE records … RETURNING *` as the entity a SELECT would give: each column converted by the driver
   * (and its transformer) the same way. Saves the read-back after a write.
   */
  hydrate(row: Record<string, unknown>, manager?: EntityManager): RecordEntity {
    const repository = this.repo(manager);
    const driver = repository.manager.connection.driver;
    const entity = repository.create();
    for (const column of repository.metadata.columns)
      column.setEntityValue(entity, driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  }

  findIncludingDeleted(orgId: string, id: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, id } });
  }

  /** Locks the record row (deleted or not) for the caller's transaction. */
  findForUpdate(orgId: string, id: string, manager: EntityManager): Promise<RecordEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * One page of records matching every filter of GET /records (`onlyOwner` narrows to one owner: agents) and their
   * total: exact up to LIST_TOTAL_EXACT_UP_TO, beyond it the planner's estimate, flagged (counting every matching row
   * of a large organisation cost more than the page).
   */
  async list(orgId: string, filter: ListRecordsQuery, onlyOwner?: string): Promise<RecordPage> {
    const query = this.query(orgId, 'r').andWhere('r.deleted_at IS NULL');
    if (onlyOwner) query.andWhere('r.owner_id = :onlyOwner', { onlyOwner });
    if (filter.projectId) query.andWhere('r.project_id = :projectId', { projectId: filter.projectId });
    if (filter.status) query.andWhere('r.processing_status = :status', { status: filter.status });
    if (filter.from) query.andWhere('r.date >= :from', { from: filter.from });
    if (filter.to) query.andWhere('r.date <= :to', { to: filter.to });
    if (filter.direction) query.andWhere('r.direction = :direction', { direction: filter.direction });
    if (filter.ownerId) query.andWhere('r.owner_id = :ownerId', { ownerId: filter.ownerId });
    if (filter.crmCustomerId)
      query.andWhere('r.crm_customer_id = :crmCustomerId', { crmCustomerId: filter.crmCustomerId });
    if (filter.sentiment) query.andWhere('r.sentiment_label = :sentiment', { sentiment: filter.sentiment });
    if (filter.feature) {
      // A feature no stage has written yet is `pending`, or `not_supported` when none produces it (presentFeatures).
      const [feature, status] = filter.feature.split(':');
      query.andWhere(`COALESCE(r.features->:feature->>'status', :absent) = :featureStatus`, {
        feature,
        absent: FEATURES_NOT_BUILT[feature as FeatureName] ? 'not_supported' : 'pending',
        featureStatus: status,
      });
    }
    if (filter.minQualityScore !== undefined)
      query.andWhere('r.quality_score >= :minQ', { minQ: filter.minQualityScore });
    if (filter.maxQualityScore !== undefined)
      query.andWhere('r.quality_score <= :maxQ', { maxQ: filter.maxQualityScore });
    if (filter.tag)
      query.andWhere(
        `EXISTS (SELECT 1 FROM record_tags rt JOIN tags t ON t.id = rt.tag_id
                 WHERE rt.record_id = r.id AND rt.org_id = r.org_id AND (t.id = :tag OR lower(t.value) = lower(:tag)))`,
        { tag: filter.tag },
      );
    // Keyset paging (a cursor): the rows after a given record in newest-first order, compared on the stored values
    // (a timestamp carried in the cursor would lose PostgreSQL's microseconds).
    if (filter.afterId)
      query.andWhere(
        `(r.created_at, r.id) < (SELECT a.created_at, a.id FROM records a WHERE a.org_id = r.org_id AND a.id = :afterId)`,
        { afterId: filter.afterId },
      );
    const direction = filter.order === 'asc' ? 'ASC' : 'DESC';
    const signature = `records:${filter.sort}.${direction}`;
    const page = query.clone();
    if (filter.cursor) {
      const afterId = await cursorRowId(this.repo().manager, 'records', orgId, filter.cursor, signature);
      page.andWhere(afterCursorRow(SORT_COLUMNS[filter.sort], direction), { cursorRowId: afterId });
    }
    // The default order (created_at DESC NULLS LAST, id DESC) is served by records_org_listing_idx.
    page
      .orderBy(SORT_COLUMNS[filter.sort], direction, 'NULLS LAST')
      .addOrderBy('r.id', direction)
      .offset(filter.afterId || filter.cursor ? 0 : filter.offset)
      .limit(filter.pageSize);
    const [rows, { total, estimated }] = await Promise.all([page.getMany(), this.boundedCount(query)]);
    return [rows, total, estimated, nextCursorOf(rows, filter.pageSize, signature)];
  }

  private async boundedCount(query: SelectQueryBuilder<RecordEntity>) {
    const [sql, parameters] = query.clone().select('1').getQueryAndParameters();
    const [counted]: Array<{ n: number }> = await this.repo().query(
      `SELECT count(*)::int AS n FROM (${sql} LIMIT ${LIST_TOTAL_EXACT_UP_TO + 1}) bounded`,
      parameters,
    );
    if (counted.n <= LIST_TOTAL_EXACT_UP_TO) return { total: counted.n, estimated: false };
    const [plan]: Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }> = await this.repo().query(
      `EXPLAIN (FORMAT JSON) ${sql}`,
      parameters,
    );
    const estimate = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    return { total: Math.max(LIST_TOTAL_EXACT_UP_TO + 1, estimate), estimated: true };
  }

  findByUploadId(orgId: string, uploadId: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, uploadId } });
  }

  findByExternalId(orgId: string, source: string, externalId: string, manager?: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, source, externalId } });
  }

  /**
   * Totals of a project's records for GET /projects/:id/stats, computed by PostgreSQL in one pass; `onlyOwner`
   * narrows them to one owner's calls (what an agent may see).
   */
  async projectStats(
    orgId: string,
    projectId: string,
    range: { from?: Date; to?: Date; onlyOwner?: string },
  ): Promise<ProjectStatsRow> {
    const { from, to, onlyOwner } = range;
    const query = this.query(orgId, 'r')
      .andWhere('r.project_id = :projectId', { projectId })
      .andWhere('r.deleted_at IS NULL')
      .select('count(*)::int', 'totalRecords')
      .addSelect(`count(*) FILTER (WHERE r.processing_status = 'completed')::int`, 'completedRecords')
      .addSelect(`count(*) FILTER (WHERE r.processing_status = 'failed')::int`, 'failedRecords')
      .addSelect('round(avg(r.quality_score), 2)::float8', 'averageQualityScore')
      .addSelect('round(avg(r.duration), 3)::float8', 'averageDuration')
      .addSelect(`count(*) FILTER (WHERE r.sentiment_label = 'POSITIVE')::int`, 'positive')
      .addSelect(`count(*) FILTER (WHERE r.sentiment_label = 'NEUTRAL')::int`, 'neutral')
      .addSelect(`count(*) FILTER (WHERE r.sentiment_label = 'NEGATIVE')::int`, 'negative');
    // A record without a call date counts by when it arrived.
    if (from) query.andWhere('coalesce(r.date, r.created_at) >= :from', { from });
    if (to) query.andWhere('coalesce(r.date, r.created_at) <= :to', { to });
    if (onlyOwner) query.andWhere('r.owner_id = :onlyOwner', { onlyOwner });
    const row = await query.getRawOne<ProjectStatsRow>();
    return row!;
  }

  /** Storage keys of every record of a project, to remove their folders after the rows are gone. */
  async idsInProject(orgId: string, projectId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.query(orgId, 'r', manager)
      .andWhere('r.project_id = :projectId', { projectId })
      .select('r.id', 'id')
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  /** Updates a record only while it still waits for its bytes; false when it no longer does. */
  async updateWhileUploading(
    orgId: string,
    id: string,
    columns: Partial<RecordEntity>,
    manager?: EntityManager,
  ): Promise<boolean> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update(RecordEntity)
      .set(columns as QueryDeepPartialEntity<RecordEntity>)
      .where('org_id = :orgId AND id = :id AND processing_stage = :stage', { orgId, id, stage: 'uploading' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /**
   * Two-step reservations older than `cutoff` that never got their bytes, in every organisation: the one
   * system-wide read of this repository, for the maintenance sweep.
   */
  abandonedUploads(cutoff: Date, limit: number): Promise<Array<{ orgId: string; id: string }>> {
    return this.repo()
      .createQueryBuilder('r')
      .select(['r.org_id AS "orgId"', 'r.id AS "id"'])
      .where(`r.processing_stage = 'uploading' AND r.upload_id IS NOT NULL AND r.created_at < :cutoff`, {
        cutoff,
      })
      .orderBy('r.created_at', 'ASC')
      .limit(limit)
      .getRawMany<{ orgId: string; id: string }>();
  }

  /** Two-step uploads still waiting for their bytes, reserved since `since`, oldest first. */
  pendingSignedUploads(since: Date, limit: number): Promise<RecordEntity[]> {
    return this.repo()
      .createQueryBuilder('r')
      .where(`r.processing_stage = 'uploading' AND r.upload_id IS NOT NULL AND r.created_at >= :since`, {
        since,
      })
      .orderBy('r.created_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async deleteMany(orgId: string, ids: string[], manager?: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .delete()
      .from(RecordEntity)
      .where('org_id = :orgId AND id IN (:...ids)', { orgId, ids })
      .execute();
  }
}
