import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId, notFound, validationFailed } from '@app/core';
import { TenantRepository } from '@app/database';
import { CrmOpportunityEntity } from './crm-opportunity.entity';
import { CrmCustomersService } from './crm-customers.service';
import type { CreateOpportunityDto, ListOpportunitiesQuery, UpdateOpportunityDto } from './dto/crm.dto';

export const presentOpportunity = (opportunity: CrmOpportunityEntity) => ({
  id: opportunity.id,
  customerId: opportunity.customerId,
  externalId: opportunity.externalId,
  name: opportunity.name,
  amount: opportunity.amount,
  disposition: opportunity.disposition,
  closedAt: opportunity.closedAt?.toISOString() ?? null,
  createdAt: opportunity.createdAt.toISOString(),
  updatedAt: opportunity.updatedAt.toISOString(),
});

@Injectable()
export class CrmOpportunitiesRepository extends TenantRepository<CrmOpportunityEntity> {
  constructor(@InjectRepository(CrmOpportunityEntity) repository: Repository<CrmOpportunityEntity>) {
    super(repository);
  }
}

/** The crm_opportunities table: deals of CRM customers. */
@Injectable()
export class CrmOpportunitiesService {
  constructor(
    private readonly opportunities: CrmOpportunitiesRepository,
    private readonly customers: CrmCustomersService,
  ) {}

  list(orgId: string, query: ListOpportunitiesQuery) {
    return this.opportunities.findPage(
      orgId,
      query.customerId ? { customerId: query.customerId } : {},
      query,
      {
        order: { createdAt: 'DESC', id: 'DESC' },
      },
    );
  }

  /** The open deals of these customers, for the records that show them. */
  openOf(orgId: string, customerIds: string[]): Promise<CrmOpportunityEntity[]> {
    if (customerIds.length === 0) return Promise.resolve([]);
    return this.opportunities
      .query(orgId, 'opportunity')
      .andWhere('opportunity.customer_id IN (:...customerIds)', { customerIds })
      .andWhere(`opportunity.disposition = 'OPEN'`)
      .orderBy('opportunity.created_at', 'DESC')
      .getMany();
  }

  async findOne(orgId: string, id: string) {
    const found = await this.opportunities.findOne(orgId, id);
    if (!found) throw notFound('CRM opportunity');
    return found;
  }

  async create(orgId: string, input: CreateOpportunityDto) {
    await this.customers.findOne(orgId, input.customerId);
    if (await this.opportunities.count(orgId, { externalId: input.externalId }))
      throw validationFailed(`An opportunity with externalId "${input.externalId}" exists`, [
        { field: 'externalId', message: 'is already used' },
      ]);
    return this.opportunities.insert(orgId, {
      id: newId('opp'),
      customerId: input.customerId,
      externalId: input.externalId,
      name: input.name,
      amount: input.amount ?? null,
      disposition: input.disposition,
      closedAt: input.closedAt ?? null,
    });
  }

  async update(orgId: string, id: string, patch: UpdateOpportunityDto) {
    await this.findOne(orgId, id);
    if (patch.customerId) await this.customers.findOne(orgId, patch.customerId);
    await this.opportunities.update(orgId, id, {
      ...(patch.customerId !== undefined ? { customerId: patch.customerId } : {}),
      ...(patch.externalId !== undefined ? { externalId: patch.externalId } : {}),
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.amount !== undefined ? { amount: patch.amount } : {}),
      ...(patch.disposition !== undefined ? { disposition: patch.disposition } : {}),
      ...(patch.closedAt !== undefined ? { closedAt: patch.closedAt } : {}),
    });
    return this.findOne(orgId, id);
  }

  async remove(orgId: string, id: string) {
    if (!(await this.opportunities.delete(orgId, id))) throw notFound('CRM opportunity');
  }
}
