import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { AnalysisProfileEntity } from './analysis-profile.entity';

@Injectable()
export class AnalysisProfilesRepository extends TenantRepository<AnalysisProfileEntity> {
  constructor(@InjectRepository(AnalysisProfileEntity) repository: Repository<AnalysisProfileEntity>) {
    super(repository);
  }

  findDefault(orgId: string, manager?: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, isDefault: true } });
  }

  /** The profile, locked until the caller's transaction ends (edits make versions one at a time). */
  findForUpdate(orgId: string, id: string, manager: EntityManager) {
    return this.repo(manager).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Inserts the default unless the organisation has one (the partial unique index settles a race). */
  async insertDefaultOnce(
    orgId: string,
    values: Pick<AnalysisProfileEntity, 'id' | 'name' | 'criteria'>,
    manager?: EntityManager,
  ): Promise<void> {
    await this.repo(manager)
      .createQueryBuilder()
      .insert()
      .into(AnalysisProfileEntity)
      .values({ ...values, orgId, isDefault: true })
      .orIgnore()
      .execute();
  }
}
