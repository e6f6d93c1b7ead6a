import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { WebhookEndpoint } from './webhook-endpoint.entity';

@Injectable()
export class WebhookEndpointsRepository extends TenantRepository<WebhookEndpoint> {
  constructor(@InjectRepository(WebhookEndpoint) repository: Repository<WebhookEndpoint>) {
    super(repository);
  }

  /** Starts (or continues) a failing streak; returns since when the endpoint has been failing. */
  async markFailing(orgId: string, id: string, now: Date, manager: EntityManager): Promise<Date | null> {
    // An UPDATE through EntityManager.query answers [rows, rowCount].
    const [rows] = (await manager.query(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $3), updated_at = now()
       WHERE org_id = $1 AND id = $2 RETURNING failing_since`,
      [orgId, id, now],
    )) as [Array<{ failing_since: Date | null }>, number];
    return rows[0]?.failing_since ?? null;
  }

  /** Switches an enabled endpoint off; true only for the call that did it (one notification, not many). */
  async disable(orgId: string, id: string, reason: string, manager: EntityManager): Promise<boolean> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update()
      .set({ enabled: false, disabledReason: reason })
      .where('org_id = :orgId AND id = :id AND enabled = true', { orgId, id })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Every endpoint of every organisation (the operators' key rotation). */
  allIds(): Promise<Array<{ id: string; orgId: string }>> {
    return this.repo().find({ select: { id: true, orgId: true }, order: { id: 'ASC' } });
  }

  findForUpdate(orgId: string, id: string, manager: EntityManager): Promise<WebhookEndpoint | null> {
    return this.repo(manager).findOne({ where: { orgId, id }, lock: { mode: 'pessimistic_write' } });
  }
}
