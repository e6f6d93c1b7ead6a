import type { Page } from '@app/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { newId, type PaginationQueryDto } from '@app/core';
import { defaultProfileUndeletable, profileNotFound } from '../analysis.errors';
import { DEFAULT_PROFILE } from '../scorecard/default-profile';
import {
  DEFAULT_COLOR_BANDS,
  type ColorBand,
  type ProfileCriterion,
  type ProfileSection,
  type ScorecardProfile,
} from '../scorecard/profile';
import { AnalysisProfileVersionEntity } from './analysis-profile-version.entity';
import { AnalysisProfileEntity } from './analysis-profile.entity';
import { checkProfile } from './check-profile';
import { AnalysisProfilesRepository } from './analysis-profiles.repository';

export const presentProfile = (profile: AnalysisProfileEntity) => ({
  id: profile.id,
  name: profile.name,
  criteria: profile.criteria,
  sections: profile.sections,
  colors: profile.colors ?? DEFAULT_COLOR_BANDS,
  version: profile.version,
  isDefault: profile.isDefault,
  createdAt: profile.createdAt.toISOString(),
  updatedAt: profile.updatedAt.toISOString(),
});

export interface ProfileInput {
  name: string;
  criteria?: ProfileCriterion[];
  sections?: ProfileSection[];
  colors?: ColorBand[];
}

/** Kept for callers that check a bare criteria list. */
export function checkCriteria(criteria: ProfileCriterion[]): void {
  checkProfile({ criteria, sections: [], colors: null });
}

@Injectable()
export class AnalysisProfilesService {
  constructor(
    private readonly profiles: AnalysisProfilesRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

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
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(AnalysisProfileVersionEntity)
      .values({ orgId, profileId: created.id, version: created.version, definition: scorecardOf(created) })
      .orIgnore()
      .execute();
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
  async list(orgId: string, page: PaginationQueryDto): Promise<Page<AnalysisProfileEntity>> {
    await this.defaultFor(orgId);
    return this.profiles.findPage(orgId, {}, page, {
      order: { isDefault: 'DESC', createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** A new profile at version 1, its definition kept as that version. */
  async create(orgId: string, input: ProfileInput): Promise<AnalysisProfileEntity> {
    const shape = {
      criteria: input.criteria ?? [],
      sections: input.sections ?? [],
      colors: input.colors ?? null,
    };
    checkProfile(shape);
    const id = newId('prf');
    await this.dataSource.transaction(async (manager) => {
      await this.profiles.insert(
        orgId,
        { id, name: input.name, ...shape, version: 1, isDefault: false },
        manager,
      );
      await this.keepVersion(manager, orgId, id, 1, { name: input.name, ...shape });
    });
    return this.findOne(orgId, id);
  }

  /**
   * Applies an edit as the next version (the row is locked, so two edits at once make two versions, never one
   * lost). Evaluations made with earlier versions keep naming them.
   */
  async update(orgId: string, id: string, patch: Partial<ProfileInput>): Promise<AnalysisProfileEntity> {
    await this.dataSource.transaction(async (manager) => {
      const current = await this.profiles.findForUpdate(orgId, id, manager);
      if (!current) throw profileNotFound();
      const next = {
        name: patch.name ?? current.name,
        criteria: patch.criteria ?? (patch.sections !== undefined ? [] : current.criteria),
        sections: patch.sections ?? (patch.criteria !== undefined ? [] : current.sections),
        colors: patch.colors ?? current.colors,
      };
      checkProfile(next);
      const version = current.version + 1;
      await this.profiles.update(orgId, id, { ...next, version }, manager);
      await this.keepVersion(manager, orgId, id, version, next);
    });
    return this.findOne(orgId, id);
  }

  /** One version of a profile as it was defined then (404 for a version it never had). */
  async findVersion(orgId: string, id: string, version: number): Promise<ScorecardProfile> {
    const found = await this.dataSource
      .getRepository(AnalysisProfileVersionEntity)
      .findOne({ where: { orgId, profileId: id, version } });
    if (!found) throw profileNotFound();
    return found.definition;
  }

  private async keepVersion(
    manager: EntityManager,
    orgId: string,
    profileId: string,
    version: number,
    definition: Omit<ScorecardProfile, 'colors'> & { colors: ColorBand[] | null },
  ): Promise<void> {
    await manager.getRepository(AnalysisProfileVersionEntity).insert({
      orgId,
      profileId,
      version,
      definition: { ...definition, colors: definition.colors ?? undefined },
    });
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
  sections: profile.sections,
  colors: profile.colors ?? undefined,
});
