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
  validationFailed,
} from '@app/core';
import {
  AnalysisProfilesService,
  CalibrationService,
  CreateAnalysisProfileDto,
  presentRescore,
  ProfileRescoresService,
  presentProfile,
  UpdateAnalysisProfileDto,
} from '@app/analysis';
import { ProfileRescorer } from '@app/pipeline';
import { ProjectsService } from '@app/records';
import { CalibrationQuery } from './dto/calibration.query';
import { RescoreDto } from './dto/rescore.dto';

const READ = { role: 'viewer', scope: 'analyses.read' } as const;
// Scorecards decide quality scores and compliance: QA leads manage them, service tokens cannot.
const WRITE = { role: 'supervisor' } as const;
const profileId = new ParseIdPipe('prf', 'Analysis profile');
const rescoreId = new ParseIdPipe('rsc', 'Re-score');
// How the automation agrees with reviewers is a QA lead's view, like the reviews themselves.
const CALIBRATION = { role: 'supervisor' } as const;

@ApiTags('analysis-profiles')
@ApiBearerAuth()
@Controller('analysis-profiles')
export class AnalysisProfilesController {
  constructor(
    private readonly profiles: AnalysisProfilesService,
    private readonly calibration: CalibrationService,
    private readonly rescorer: ProfileRescorer,
    private readonly rescores: ProfileRescoresService,
    private readonly projects: ProjectsService,
  ) {}

  @Get()
  @Access(READ)
  @ApiOperation({ summary: "The organisation's scorecards, the built-in default first" })
  async list(@Tenant() context: TenantContext, @Query() page: PaginationQueryDto) {
    const [items, total, nextCursor] = await this.profiles.list(context.orgId, page);
    return listEnvelope(items.map(presentProfile), total, page, { nextCursor });
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

  @Get(':id/calibration')
  @Access(CALIBRATION)
  @ApiOperation({
    summary: "Agreement of supervisors' reviews with the automated answers, per criterion and per reviewer",
  })
  async calibrate(
    @Tenant() context: TenantContext,
    @Param('id', profileId) id: string,
    @Query() window: CalibrationQuery,
  ) {
    await this.profiles.findOne(context.orgId, id);
    if (window.from && window.to && window.from > window.to)
      throw validationFailed('from must not be after to', [{ field: 'from', message: 'is after to' }]);
    return envelope({
      profileId: id,
      from: window.from?.toISOString() ?? null,
      to: window.to?.toISOString() ?? null,
      ...(await this.calibration.forProfile(context.orgId, id, window)),
    });
  }

  @Post(':id/rescore')
  @HttpCode(202)
  @Access(WRITE)
  @ApiOperation({
    summary: "Re-score past calls (dated from–to) with the profile's newest version, as a background job",
  })
  async rescore(
    @Tenant() context: TenantContext,
    @Param('id', profileId) id: string,
    @Body() body: RescoreDto,
  ) {
    if (body.from > body.to)
      throw validationFailed('from must not be after to', [{ field: 'from', message: 'is after to' }]);
    if (body.projectId) await this.projects.get(context, body.projectId);
    const rescore = await this.rescorer.start(
      context.orgId,
      id,
      body,
      context.actor.kind === 'user' ? context.actor.userId : null,
    );
    return envelope(presentRescore(rescore));
  }

  @Get(':id/rescores/:rescoreId')
  @Access(READ)
  @ApiOperation({ summary: 'Progress of a re-score' })
  async rescoreProgress(
    @Tenant() context: TenantContext,
    @Param('id', profileId) id: string,
    @Param('rescoreId', rescoreId) rescore: string,
  ) {
    return envelope(presentRescore(await this.rescores.findOne(context.orgId, id, rescore)));
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
