import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { newId, validationFailed, type ErrorDetail, type PaginationQueryDto } from '@app/core';
import { defaultProfileUndeletable, profileNotFound } from '../analysis.errors';
import { DEFAULT_PROFILE } from '../scorecard/default-profile';
import type { ProfileCriterion, ScorecardProfile } from '../scorecard/profile';
import { AnalysisProfileEntity } from './analysis-profile.entity';
import { AnalysisProfilesRepository } from './analysis-profiles.repository';

export const presentProfile = (profile: AnalysisProfileEntity) => ({
  id: profile.id,
  name: profile.name,
  criteria: profile.criteria,
  isDefault: profile.isDefault,
  createdAt: profile.createdAt.toISOString(),
  updatedAt: profile.updatedAt.toISOString(),
});

export interface ProfileInput {
  name: string;
  criteria: ProfileCriterion[];
}

/**
 * What the DTO cannot say alone: ids are unique within the profile, and every criterion checks something
 * (phrases, forbidden phrases or a metric). Every phrase must contain a word.
 */
export function checkCriteria(criteria: ProfileCriterion[]): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  criteria.forEach((criterion, i) => {
    if (seen.has(criterion.id))
      details.push({ field: `criteria.${i}.id`, message: `id "${criterion.id}" is used twice` });
    seen.add(criterion.id);
    if (!criterion.phrases?.length && !criterion.forbiddenPhrases?.length && !criterion.metric)
      details.push({ field: `criteria.${i}`, message: 'needs phrases, forbiddenPhrases or a metric' });
    for (const key of ['phrases', 'forbiddenPhrases'] as const)
      criterion[key]?.forEach((phrase, j) => {
        if (!/[\p{L}\p{N}]/u.test(phrase))
          details.push({ field: `criteria.${i}.${key}.${j}`, message: 'must contain a word' });
      });
  });
  if (details.length > 0)
    throw validationFailed(details.map((d) => `${d.field} ${d.message}`).join('; '), details);
}

@Injectable()
export class AnalysisProfilesService {
  constructor(private readonly profiles: AnalysisProfilesRepository) {}

  /**
   * The organisation's default profile, created from the built-in one the first time it is needed. Safe when
   * several workers ask at once: the insert is a no-op for all but one, and everyone reads the same row.
   */
  async defaultFor(orgId: string, manager?: EntityManager): Promise<AnalysisProfileEntity> {
    const existing = await this.profiles.findDefault(orgId, manager);
    if (existing) return existing;
    await this.profiles.insertDefaultOnce(
      orgId,
      { id: newId('prf'), name: DEFAULT_PROFILE.name, criteria: DEFAULT_PROFILE.criteria },
      manager,
    );
    const created = await this.profiles.findDefault(orgId, manager);
    if (!created) throw new Error('default analysis profile was not created');
    return created;
  }

  /** The profile to score with: the given one (404 if not the organisation's), else the default. */
  async resolve(
    orgId: string,
    profileId?: string | null,
    manager?: EntityManager,
  ): Promise<AnalysisProfileEntity> {
    if (!profileId) return this.defaultFor(orgId, manager);
    return this.findOne(orgId, profileId, manager);
  }

  async findOne(orgId: string, id: string, manager?: EntityManager): Promise<AnalysisProfileEntity> {
    const found = await this.profiles.findOne(orgId, id, manager);
    if (!found) throw profileNotFound();
    return found;
  }

  /** Lists the organisation's profiles, the default first (creating it if this is the first look). */
  async list(orgId: string, page: PaginationQueryDto): Promise<[AnalysisProfileEntity[], number]> {
    await this.defaultFor(orgId);
    return this.profiles.findPage(orgId, {}, page, {
      order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  create(orgId: string, input: ProfileInput): Promise<AnalysisProfileEntity> {
    checkCriteria(input.criteria);
    return this.profiles.insert(orgId, {
      id: newId('prf'),
      name: input.name,
      criteria: input.criteria,
      isDefault: false,
    });
  }

  async update(orgId: string, id: string, patch: Partial<ProfileInput>): Promise<AnalysisProfileEntity> {
    await this.findOne(orgId, id);
    if (patch.criteria !== undefined) checkCriteria(patch.criteria);
    const changes: Partial<Pick<AnalysisProfileEntity, 'name' | 'criteria'>> = {};
    if (patch.name !== undefined) changes.name = patch.name;
    if (patch.criteria !== undefined) changes.criteria = patch.criteria;
    if (Object.keys(changes).length > 0) await this.profiles.update(orgId, id, changes);
    return this.findOne(orgId, id);
  }

  async remove(orgId: string, id: string): Promise<void> {
    const profile = await this.findOne(orgId, id);
    if (profile.isDefault) throw defaultProfileUndeletable();
    await this.profiles.delete(orgId, id);
  }
}

/** A stored profile as the engine reads it. */
export const scorecardOf = (profile: AnalysisProfileEntity): ScorecardProfile => ({
  name: profile.name,
  criteria: profile.criteria,
});
