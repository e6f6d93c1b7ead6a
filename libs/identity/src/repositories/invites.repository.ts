import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { Invite } from '../entities/invite.entity';

@Injectable()
export class InvitesRepository extends TenantRepository<Invite> {
  constructor(@InjectRepository(Invite) repository: Repository<Invite>) {
    super(repository);
  }

  countOpen(orgId: string): Promise<number> {
    return this.query(orgId, 'i').andWhere('i.accepted_at IS NULL AND i.expires_at > now()').getCount();
  }

  /**
   * Marks an open invite accepted and returns it, in one statement, so a token is redeemed at most once even
   * when two requests race. The token is the only key the invitee has, so this lookup is not org-scoped.
   */
  async redeem(tokenHash: string, manager: EntityManager): Promise<Invite | null> {
    const result = await this.repo(manager)
      .createQueryBuilder()
      .update(Invite)
      .set({ acceptedAt: () => 'now()' })
      .where('token_hash = :tokenHash AND accepted_at IS NULL AND expires_at > now()', { tokenHash })
      .returning('*')
      .execute();
    const rows = result.raw as Record<string, unknown>[];
    if (rows.length === 0) return null;
    return this.repo(manager).create({
      id: rows[0].id as string,
      orgId: rows[0].org_id as string,
      email: rows[0].email as string,
      role: rows[0].role as Invite['role'],
    });
  }
}
