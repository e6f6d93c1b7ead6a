import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { BillingAccount } from '../entities/billing-account.entity';

/** One row per organisation, keyed by orgId; absent until the organisation sets a budget or price. */
@Injectable()
export class BillingAccountsRepository {
  constructor(@InjectRepository(BillingAccount) private readonly accounts: Repository<BillingAccount>) {}

  find(orgId: string, manager?: EntityManager): Promise<BillingAccount | null> {
    const repository = manager ? manager.getRepository(BillingAccount) : this.accounts;
    return repository.findOne({ where: { orgId } });
  }

  async setBudget(manager: EntityManager, orgId: string, budgetLimitCents: number | null): Promise<void> {
    await manager.query(
      `INSERT INTO billing_accounts (org_id, budget_limit_cents) VALUES ($1, $2)
       ON CONFLICT (org_id) DO UPDATE SET budget_limit_cents = EXCLUDED.budget_limit_cents, updated_at = now()`,
      [orgId, budgetLimitCents],
    );
  }
}
