import { Injectable } from '@nestjs/common';
import { inclusiveUpperBound, newId, ownerFilterFor, PaginationQueryDto, TenantContext } from '@app/core';
import { DatabaseService } from '@app/database';
import { RecordsRepository } from '../records.repository';
import { RecordAudioService } from '../audio/record-audio.service';
import { RecordsService } from '../records.service';
import { projectHasRecords, projectNotFound } from '../records.errors';
import { CreateProjectDto, UpdateProjectDto } from './dto/create-project.dto';
import { ProjectStatsQuery } from './dto/project-query.dto';
import { ProjectEntity } from './project.entity';
import { ProjectsRepository } from './projects.repository';

export const presentProject = (project: ProjectEntity) => ({
  id: project.id,
  name: project.name,
  description: project.description,
  analysisProfileId: project.analysisProfileId,
  language: project.language,
  createdAt: project.createdAt.toISOString(),
  updatedAt: project.updatedAt.toISOString(),
});

export type ProjectView = ReturnType<typeof presentProject>;

export const DEFAULT_UPLOADS_PROJECT = 'Recordings';

@Injectable()
export class ProjectsService {
  constructor(
    private readonly projects: ProjectsRepository,
    private readonly recordRows: RecordsRepository,
    private readonly records: RecordsService,
    private readonly audio: RecordAudioService,
    private readonly database: DatabaseService,
  ) {}

  async list(ctx: TenantContext, page: PaginationQueryDto): Promise<[ProjectView[], number, string | null]> {
    const [rows, total, nextCursor] = await this.projects.findPage(ctx.orgId, {}, page, {
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    return [rows.map(presentProject), total, nextCursor];
  }

  async create(ctx: TenantContext, dto: CreateProjectDto): Promise<ProjectView> {
    const project = await this.projects.insert(ctx.orgId, {
      id: newId('prj'),
      name: dto.name,
      description: dto.description ?? null,
      analysisProfileId: dto.analysisProfileId ?? null,
      language: dto.language ?? null,
    });
    return presentProject(project);
  }

  /**
   * Where a call goes when its client names no project (Imagicle's upload request has none): the organisation's
   * first project, or a new "Recordings" project when it has none yet (one, however many requests race).
   */
  async defaultProjectId(ctx: TenantContext): Promise<string> {
    const first = await this.projects.oldest(ctx.orgId);
    if (first) return first.id;
    return this.database.transaction(async (manager) => {
      await this.projects.lockDefault(ctx.orgId, manager);
      const created = await this.projects.oldest(ctx.orgId, manager);
      if (created) return created.id;
      const project = await this.projects.insert(
        ctx.orgId,
        {
          id: newId('prj'),
          name: DEFAULT_UPLOADS_PROJECT,
          description: 'Calls uploaded without a project',
          analysisProfileId: null,
          language: null,
        },
        manager,
      );
      return project.id;
    });
  }

  async get(ctx: TenantContext, id: string): Promise<ProjectView> {
    return presentProject(await this.projects.findOneOrFail(ctx.orgId, id, 'Project'));
  }

  async update(ctx: TenantContext, id: string, dto: UpdateProjectDto): Promise<ProjectView> {
    await this.projects.findOneOrFail(ctx.orgId, id, 'Project');
    const patch = Object.fromEntries(Object.entries(dto).filter(([, value]) => value !== undefined));
    if (Object.keys(patch).length > 0) await this.projects.update(ctx.orgId, id, patch);
    return this.get(ctx, id);
  }

  /** 409 while records remain, unless forced: then the records (rows and files) go with it. */
  async remove(ctx: TenantContext, id: string, force = false): Promise<void> {
    await this.projects.findOneOrFail(ctx.orgId, id, 'Project');
    const removed = await this.database.transaction(async (manager) => {
      const recordIds = await this.recordRows.idsInProject(ctx.orgId, id, manager);
      if (recordIds.length > 0 && !force) throw projectHasRecords(recordIds.length);
      await this.records.deleteRecordRows(ctx.orgId, recordIds, manager);
      if (!(await this.projects.delete(ctx.orgId, id, manager))) throw projectNotFound();
      return recordIds;
    });
    await this.audio.removeRecordFiles(ctx.orgId, removed);
  }

  async stats(ctx: TenantContext, id: string, query: ProjectStatsQuery) {
    await this.projects.findOneOrFail(ctx.orgId, id, 'Project');
    const to = query.to ? inclusiveUpperBound(query.to) : undefined;
    // An agent sees only its own calls, in lists and in what is counted from them.
    const row = await this.recordRows.projectStats(ctx.orgId, id, {
      from: query.from,
      to,
      onlyOwner: ownerFilterFor(ctx),
    });
    return {
      projectId: id,
      totalRecords: row.totalRecords,
      completedRecords: row.completedRecords,
      failedRecords: row.failedRecords,
      averageQualityScore: row.averageQualityScore,
      averageDuration: row.averageDuration,
      sentiment: { POSITIVE: row.positive, NEUTRAL: row.neutral, NEGATIVE: row.negative },
      period: { from: query.from?.toISOString() ?? null, to: to?.toISOString() ?? null },
    };
  }
}
