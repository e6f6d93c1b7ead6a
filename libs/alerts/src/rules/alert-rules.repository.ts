import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { AlertRuleEntity } from './alert-rule.entity';

@Injectable()
export class AlertRulesRepository extends TenantRepository<AlertRuleEntity> {
  constructor(@InjectRepository(AlertRuleEntity) repository: Repository<AlertRuleEntity>) {
    super(repository);
  }

  /** The enabled rules that apply to a record of `projectId`: the organisation's and the project's own. */
  /** Whether any enabled rule applies to a call of this project (cheaper than loading them). */
  anyEnabledFor(orgId: string, projectId: string | null): Promise<boolean> {
    return this.query(orgId, 'rule')
      .andWhere('rule.enabled')
      .andWhere('(rule.project_id IS NULL OR rule.project_id = :projectId)', { projectId })
      .getExists();
  }

  findEnabledFor(
    orgId: string,
    projectId: string | null,
    manager?: EntityManager,
  ): Promise<AlertRuleEntity[]> {
    return this.query(orgId, 'rule', manager)
      .andWhere('rule.enabled')
      .andWhere('(rule.project_id IS NULL OR rule.project_id = :projectId)', { projectId })
      .orderBy('rule.created_at', 'ASC')
      .addOrderBy('rule.id', 'ASC')
      .getMany();
  }
}
