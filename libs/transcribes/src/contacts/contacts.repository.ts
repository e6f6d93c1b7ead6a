import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, IsNull, Repository } from 'typeorm';
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

  findLiveByIds(orgId: string, ids: string[]): Promise<ContactEntity[]> {
    return this.repo().find({ where: { orgId, id: In(ids), deletedAt: IsNull() } });
  }

  /** The live contact another system knows by `reference`. */
  findByReference(orgId: string, reference: string, manager?: EntityManager): Promise<ContactEntity | null> {
    return this.repo(manager).findOne({ where: { orgId, externalRef: reference, deletedAt: IsNull() } });
  }

  /** Adds a contact for `reference` unless the organisation has one (live or deleted); safe to race. */
  async insertReferenceIfMissing(orgId: string, id: string, reference: string): Promise<void> {
    const now = new Date();
    await this.repo()
      .createQueryBuilder()
      .insert()
      .values({ id, orgId, externalRef: reference, createdAt: now, updatedAt: now })
      .orIgnore()
      .execute();
  }
}
