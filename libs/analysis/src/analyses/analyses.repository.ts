import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { inRecordScope, newestFirstPage, type Page, TenantRepository, type RecordScope } from '@app/database';
import { AnalysisEntity } from './analysis.entity';
import type { ListAnalysesQuery } from './dto/list-analyses.query';

@Injectable()
export class AnalysesRepository extends TenantRepository<AnalysisEntity> {
  constructor(@InjectRepository(AnalysisEntity) repository: Repository<AnalysisEntity>) {
    super(repository);
  }

  /** Inserts unless the record already has this version (a retried job): the unique key makes it a no-op. */
  async insertOnce(
    orgId: string,
    values: Omit<AnalysisEntity, 'orgId' | 'createdAt' | 'updatedAt'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(AnalysisEntity)
      .values({ ...values, orgId })
      .orIgnore()
      .execute();
  }

  findVersion(orgId: string, recordId: string, version: number, manager?: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, recordId, version } });
  }

  /** The newest analysis of a record (the one the record shows). */
  latestFor(orgId: string, recordId: string, manager?: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, recordId }, order: { version: 'DESC' } });
  }

  /** The newest analysis of each of these records, in one query. */
  latestForMany(orgId: string, recordIds: string[]): Promise<AnalysisEntity[]> {
    if (recordIds.length === 0) return Promise.resolve([]);
    return this.query(orgId, 'analysis')
      .andWhere('analysis.record_id IN (:...recordIds)', { recordIds })
      .distinctOn(['analysis.record_id'])
      .orderBy('analysis.record_id')
      .addOrderBy('analysis.version', 'DESC')
      .getMany();
  }

  /**
   * A page of analyses, newest first. Without `recordId` only the newest version of each record counts (the one
   * the record shows); the other filters apply to that version.
   */
  list(orgId: string, query: ListAnalysesQuery, scope: RecordScope | null): Promise<Page<AnalysisEntity>> {
    const builder = this.query(orgId, 'analysis');
    if (query.recordId) builder.andWhere('analysis.record_id = :recordId', { recordId: query.recordId });
    else
      builder.andWhere(
        `NOT EXISTS (SELECT 1 FROM analyses newer WHERE newer.org_id = analysis.org_id
           AND newer.record_id = analysis.record_id AND newer.version > analysis.version)`,
      );
    if (scope) builder.andWhere(inRecordScope('analysis.record_id', scope), scope.params);
    if (query.complianceStatus)
      builder.andWhere('analysis.compliance_status = :complianceStatus', {
        complianceStatus: query.complianceStatus,
      });
    if (query.minQualityScore !== undefined)
      builder.andWhere('analysis.quality_score >= :minQualityScore', {
        minQualityScore: query.minQualityScore,
      });
    if (query.maxQualityScore !== undefined)
      builder.andWhere('analysis.quality_score <= :maxQualityScore', {
        maxQualityScore: query.maxQualityScore,
      });
    if (query.from) builder.andWhere('analysis.created_at >= :from', { from: query.from });
    // Stored times have microseconds, ISO strings milliseconds: `to` covers its whole millisecond.
    if (query.to)
      builder.andWhere('analysis.created_at < :toExclusive', {
        toExclusive: new Date(query.to.getTime() + 1),
      });
    return newestFirstPage(builder, { orgId, alias: 'analysis', column: 'created_at', page: query });
  }

  async deleteForRecords(orgId: string, recordIds: string[], manager?: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .delete()
      .where('org_id = :orgId AND record_id IN (:...recordIds)', { orgId, recordIds })
      .execute();
  }
}
