import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
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
  AnalysisProfilesService,
  CreateAnalysisProfileDto,
  presentProfile,
  UpdateAnalysisProfileDto,
} from '@app/analysis';

const READ = { role: 'viewer', scope: 'analyses.read' } as const;
// Scorecards decide quality scores and compliance: QA leads manage them, service tokens cannot.
const WRITE = { role: 'supervisor' } as const;
const profileId = new ParseIdPipe('prf', 'Analysis profile');

@ApiTags('analysis-profiles')
@ApiBearerAuth()
@Controller('analysis-profiles')
export class AnalysisProfilesController {
  constructor(private readonly profiles: AnalysisProfilesService) {}

  @Get()
  @Access(READ)
  @ApiOperation({ summary: "The organisation's scorecards, the built-in default first" })
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total] = await this.profiles.list(context.orgId, page);
    return listEnvelope(items.map(presentProfile), total, page);
  }

  @Post()
  @Access(WRITE)
  async create(@Tenant() context: TenantContext, @Body() body: CreateAnalysisProfileDto) {
    return envelope(presentProfile(await this.profiles.create(context.orgId, body)));
  }

  @Get(':id')
  @Access(READ)
  async get(@Tenant() context: TenantContext, @Param('id', profileId) id: string) {
    return envelope(presentProfile(await this.profiles.findOne(context.orgId, id)));
  }

  @Patch(':id')
  @Access(WRITE)
  async update(
    @Tenant() context: TenantContext,
    @Param('id', profileId) id: string,
    @Body() body: UpdateAnalysisProfileDto,
  ) {
    return envelope(presentProfile(await this.profiles.update(context.orgId, id, body)));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(WRITE)
  @ApiOperation({ summary: 'Delete a scorecard; the default one cannot be deleted (409)' })
  async remove(@Tenant() context: TenantContext, @Param('id', profileId) id: string) {
    await this.profiles.remove(context.orgId, id);
  }
}
