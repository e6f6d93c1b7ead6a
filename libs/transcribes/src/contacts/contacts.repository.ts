import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, IsNull, Repository } from 'typeorm';
import { TenantRepository } from '@app/database';
import { ContactEntity } from './contact.entity';

@Injectable()
export class ContactsRepository extends TenantRepository<ContactEntity> {
  constructor(@InjectRepository(ContactEntity) repository: Repository<ContactEntity>) {
    super(repository);
  }

  /** A contact that is not deleted. */
  override findOne(orgId: string, id: string, manager?: EntityManager): Promise<ContactEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, id, deletedAt: IsNull() } });
  }

  /**
   * The contact, locked until the caller's transaction ends: `share` while a transcribe is written for it,
   * `update` while it is deleted, so a contact is never deleted under a new transcribe.
   */
  findLocked(
    orgId: string,
    id: string,
    mode: 'share' | 'update',
    manager: EntityManager,
  ): Promise<ContactEntity | null> {
    return this.repo(manager).findOne({
      where: { orgId, id, deletedAt: IsNull() },
      lock: { mode: mode === 'share' ? 'pessimistic_read' : 'pessimistic_write' },
    });
  }
}
