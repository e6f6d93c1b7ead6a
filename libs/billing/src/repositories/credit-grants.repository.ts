import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { PageRequest, TenantRepository, Page } from '@app/database';
import { CreditGrant } from '../entities/credit-grant.entity';
import { DrawableGrant } from '../credits/plan-draw-down';

@Injectable()
export class CreditGrantsRepository extends TenantRepository<CreditGrant> {
  constructor(@InjectRepository(CreditGrant) repository: Repository<CreditGrant>) {
    super(repository);
  }

  /**
   * The organisation's usable grants, row-locked until the transaction ends: two stages billing at once take
   * turns, so neither can spend credit the other has already spent. Locked in one order (expiry, id): no deadlock.
   */
  async lockUsable(manager: EntityManager, orgId: string, at: Date): Promise<DrawableGrant[]> {
    const rows: Array<{ id: string; remaining_cents: string; expires_at: Date }> = await manager.query(
      `SELECT id, remaining_cents, expires_at FROM credit_grants
        WHERE org_id = $1 AND remaining_cents > 0 AND expires_at > $2
        ORDER BY expires_at, id
        FOR UPDATE`,
      [orgId, at],
    );
    return rows.map((row) => ({
      id: row.id,
      remainingCents: Number(row.remaining_cents),
      expiresAt: new Date(row.expires_at),
    }));
  }

  async draw(manager: EntityManager, orgId: string, grantId: string, cents: number): Promise<void> {
    await manager.query(
      `UPDATE credit_grants SET remaining_cents = remaining_cents - $3, updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [orgId, grantId, cents],
    );
  }

  async availableCents(orgId: string, at: Date): Promise<number> {
    const [row]: Array<{ available: string }> = await this.repository.query(
      `SELECT coalesce(sum(remaining_cents), 0) AS available FROM credit_grants
        WHERE org_id = $1 AND expires_at > $2`,
      [orgId, at],
    );
    return Number(row.available);
  }

  async countUsable(orgId: string, at: Date): Promise<number> {
    const [row]: Array<{ n: string }> = await this.repository.query(
      `SELECT count(*) AS n FROM credit_grants WHERE org_id = $1 AND remaining_cents > 0 AND expires_at > $2`,
      [orgId, at],
    );
    return Number(row.n);
  }

  newestFirst(orgId: string, page: PageRequest): Promise<Page<CreditGrant>> {
    return this.findPage(orgId, {}, page, { order: { createdAt: 'DESC', id: 'DESC' } });
  }
}
