import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { AnalysisEntity } from './analysis.entity';

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

  async deleteForRecords(orgId: string, recordIds: string[], manager?: EntityManager): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .delete()
      .where('org_id = :orgId AND record_id IN (:...recordIds)', { orgId, recordIds })
      .execute();
  }
}
