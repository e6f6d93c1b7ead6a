import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { newId, notFound } from '@app/core';
import { TenantRepository } from '@app/database';
import { ProfileRescoreEntity } from './profile-rescore.entity';

export const presentRescore = (rescore: ProfileRescoreEntity) => ({
  id: rescore.id,
  profileId: rescore.profileId,
  profileVersion: rescore.profileVersion,
  projectId: rescore.projectId,
  from: rescore.windowFrom.toISOString(),
  to: rescore.windowTo.toISOString(),
  status: rescore.status,
  total: rescore.total,
  processed: rescore.processed,
  progress: rescore.total > 0 ? Math.round((1000 * rescore.processed) / rescore.total) / 10 : 100,
  error: rescore.error,
  createdAt: rescore.createdAt.toISOString(),
  finishedAt: rescore.finishedAt?.toISOString() ?? null,
});

@Injectable()
export class ProfileRescoresRepository extends TenantRepository<ProfileRescoreEntity> {
  constructor(@InjectRepository(ProfileRescoreEntity) repository: Repository<ProfileRescoreEntity>) {
    super(repository);
  }
}

/** The rows of background re-scores: created when asked for, advanced record by record, finished once. */
@Injectable()
export class ProfileRescoresService {
  constructor(private readonly rescores: ProfileRescoresRepository) {}

  create(
    orgId: string,
    values: Pick<
      ProfileRescoreEntity,
      'profileId' | 'profileVersion' | 'projectId' | 'windowFrom' | 'windowTo' | 'total' | 'requestedBy'
    >,
    manager?: EntityManager,
  ): Promise<ProfileRescoreEntity> {
    return this.rescores.insert(
      orgId,
      {
        id: newId('rsc'),
        ...values,
        status: values.total > 0 ? 'queued' : 'completed',
        processed: 0,
        cursor: null,
        error: null,
        finishedAt: values.total > 0 ? null : new Date(),
      },
      manager,
    );
  }

  async findOne(orgId: string, profileId: string, id: string): Promise<ProfileRescoreEntity> {
    const [found] = await this.rescores.findBy(orgId, { id, profileId });
    if (!found) throw notFound('Re-score');
    return found;
  }

  find(orgId: string, id: string, manager?: EntityManager) {
    return this.rescores.findOne(orgId, id, manager);
  }

  /** One record done, in the transaction that re-scored it: the count and the resume point move together. */
  async advance(manager: EntityManager, rescore: ProfileRescoreEntity, recordId: string): Promise<void> {
    await manager.query(
      `UPDATE analysis_profile_rescores
          SET processed = LEAST(total, processed + 1), cursor = $3, status = 'running', updated_at = now()
        WHERE org_id = $1 AND id = $2`,
      [rescore.orgId, rescore.id, recordId],
    );
  }

  async finish(rescore: ProfileRescoreEntity, error?: string): Promise<void> {
    await this.rescores.update(rescore.orgId, rescore.id, {
      status: error ? 'failed' : 'completed',
      error: error ?? null,
      finishedAt: new Date(),
      ...(error ? {} : { processed: rescore.total }),
    });
  }
}
