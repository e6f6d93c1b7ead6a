import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
} from '@app/core';
import {
  CreateProjectDto,
  DeleteProjectQuery,
  ProjectsService,
  ProjectStatsQuery,
  UpdateProjectDto,
} from '@app/records';

const ProjectId = new ParseIdPipe('prj', 'Project');

@ApiTags('projects')
@ApiBearerAuth()
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @Get()
  @Access({ role: 'viewer', scope: 'recordings.read' })
  async list(@Tenant() ctx: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total, nextCursor] = await this.projects.list(ctx, page);
    return listEnvelope(items, total, page, { nextCursor });
  }

  @Post()
  @Access({ role: 'supervisor', scope: 'recordings.write' })
  async create(@Tenant() ctx: TenantContext, @Body() dto: CreateProjectDto) {
    return envelope(await this.projects.create(ctx, dto));
  }

  @Get(':id')
  @Access({ role: 'viewer', scope: 'recordings.read' })
  async get(@Tenant() ctx: TenantContext, @Param('id', ProjectId) id: string) {
    return envelope(await this.projects.get(ctx, id));
  }

  @Get(':id/stats')
  @Access({ role: 'viewer', scope: 'recordings.read' })
  async stats(
    @Tenant() ctx: TenantContext,
    @Param('id', ProjectId) id: string,
    @Query() query: ProjectStatsQuery,
  ) {
    return envelope(await this.projects.stats(ctx, id, query));
  }

  @Patch(':id')
  @Access({ role: 'supervisor', scope: 'recordings.write' })
  async update(
    @Tenant() ctx: TenantContext,
    @Param('id', ProjectId) id: string,
    @Body() dto: UpdateProjectDto,
  ) {
    return envelope(await this.projects.update(ctx, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access({ role: 'admin', scope: 'recordings.write' })
  async remove(
    @Tenant() ctx: TenantContext,
    @Param('id', ProjectId) id: string,
    @Query() query: DeleteProjectQuery,
  ) {
    await this.projects.remove(ctx, id, query.force === true);
  }
}
