import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { newId, notFound, validationFailed, type PaginationQueryDto } from '@app/core';
import { TenantRepository } from '@app/database';
import type { CreateRetentionPolicyDto, UpdateRetentionPolicyDto } from './dto/retention-policy.dto';
import { RetentionPolicyEntity } from './retention-policy.entity';

export const presentPolicy = (policy: RetentionPolicyEntity) => ({
  id: policy.id,
  name: policy.name,
  projectId: policy.projectId,
  tag: policy.tag,
  deleteAudioAfterDays: policy.deleteAudioAfterDays,
  deleteTranscriptAfterDays: policy.deleteTranscriptAfterDays,
  purgeDeletedAfterDays: policy.purgeDeletedAfterDays,
  createdAt: policy.createdAt.toISOString(),
  updatedAt: policy.updatedAt.toISOString(),
});

/** A policy's rules: at least one of them, or it would keep nothing from being kept. */
const RULES = ['deleteAudioAfterDays', 'deleteTranscriptAfterDays', 'purgeDeletedAfterDays'] as const;
/** Enough for per-project and per-tag policies; more is a configuration to simplify. */
export const MAX_POLICIES_PER_ORG = 100;

@Injectable()
export class RetentionPoliciesRepository extends TenantRepository<RetentionPolicyEntity> {
  constructor(@InjectRepository(RetentionPolicyEntity) repository: Repository<RetentionPolicyEntity>) {
    super(repository);
  }
}

/** The retention_policies table: an organisation's policies. */
@Injectable()
export class RetentionPoliciesService {
  constructor(private readonly policies: RetentionPoliciesRepository) {}

  list(orgId: string, page: PaginationQueryDto) {
    return this.policies.findPage(orgId, {}, page, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  all(orgId: string) {
    return this.policies.findBy(orgId, {}, { order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async findOne(orgId: string, id: string) {
    const found = await this.policies.findOne(orgId, id);
    if (!found) throw notFound('Retention policy');
    return found;
  }

  async create(orgId: string, input: CreateRetentionPolicyDto) {
    if (!RULES.some((rule) => input[rule] != null))
      throw validationFailed(`A policy needs at least one of ${RULES.join(', ')}`, [
        { field: 'deleteAudioAfterDays', message: `needs one of ${RULES.join(', ')}` },
      ]);
    if ((await this.policies.count(orgId)) >= MAX_POLICIES_PER_ORG)
      throw validationFailed(`An organisation keeps at most ${MAX_POLICIES_PER_ORG} retention policies`);
    return this.policies.insert(orgId, {
      id: newId('rtp'),
      name: input.name,
      projectId: input.projectId ?? null,
      tag: input.tag?.trim() || null,
      deleteAudioAfterDays: input.deleteAudioAfterDays ?? null,
      deleteTranscriptAfterDays: input.deleteTranscriptAfterDays ?? null,
      purgeDeletedAfterDays: input.purgeDeletedAfterDays ?? null,
    });
  }

  async update(orgId: string, id: string, patch: UpdateRetentionPolicyDto) {
    const current = await this.findOne(orgId, id);
    const next = { ...current, ...patch };
    if (!RULES.some((rule) => next[rule] !== undefined && next[rule] !== null))
      throw validationFailed('A policy needs at least one rule');
    await this.policies.update(orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.projectId !== undefined ? { projectId: patch.projectId } : {}),
      // null clears a tag or project: the policy then covers the whole organisation (or project).
      ...(patch.tag !== undefined ? { tag: patch.tag?.trim() || null } : {}),
      ...Object.fromEntries(
        RULES.filter((rule) => patch[rule] !== undefined).map((rule) => [rule, patch[rule]]),
      ),
    });
    return this.findOne(orgId, id);
  }

  async remove(orgId: string, id: string) {
    if (!(await this.policies.delete(orgId, id))) throw notFound('Retention policy');
  }
}
