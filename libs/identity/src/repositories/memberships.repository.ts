import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { Membership } from '../entities/membership.entity';

@Injectable()
export class MembershipsRepository extends TenantRepository<Membership> {
  constructor(@InjectRepository(Membership) repository: Repository<Membership>) {
    super(repository);
  }

  findOfUser(orgId: string, userId: string, manager?: EntityManager): Promise<Membership | null> {
    return this.repo(manager).findOne({ where: { orgId, userId } });
  }

  /** A user's memberships across organisations, oldest first: the first is the default organisation. */
  allOfUser(userId: string, manager?: EntityManager): Promise<Membership[]> {
    return this.repo(manager).find({ where: { userId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The organisation's members with one of these roles. */
  withRoles(orgId: string, roles: string[], manager?: EntityManager): Promise<Membership[]> {
    return this.query(orgId, 'm', manager).andWhere('m.role IN (:...roles)', { roles }).getMany();
  }

  /** Locks the organisation's owner rows so two concurrent demotions cannot both pass the last-owner check. */
  async lockOwners(orgId: string, manager: EntityManager): Promise<Membership[]> {
    return this.query(orgId, 'm', manager)
      .andWhere("m.role = 'owner'")
      .setLock('pessimistic_write')
      .getMany();
  }
}
