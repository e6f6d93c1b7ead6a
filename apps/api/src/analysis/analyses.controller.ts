import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
  CreateAnnotationDto,
  CreateReviewDto,
  ListAnalysesQuery,
  presentAnalysis,
  presentAnnotation,
  presentReview,
} from '@app/analysis';
import { AnalysesAccessService } from './analyses-access.service';
import { ReanalyzeDto } from './dto/reanalyze.dto';

const READ = { role: 'viewer', scope: 'analyses.read' } as const;
const ANNOTATE = { role: 'agent', scope: 'recordings.write' } as const;
const REANALYZE = { role: 'supervisor', scope: 'recordings.write' } as const;
// QA reviews are a supervisor's judgement; no scope grants them to a service token.
const REVIEW = { role: 'supervisor' } as const;
const analysisId = new ParseIdPipe('ana', 'Analysis');

@ApiTags('analyses')
@ApiBearerAuth()
@Controller('analyses')
export class AnalysesController {
  constructor(private readonly analyses: AnalysesAccessService) {}

  @Get()
  @Access(READ)
  @ApiOperation({ summary: 'Analyses, newest first; the newest version per record unless recordId is given' })
  async list(@Tenant() context: TenantContext, @Query() query: ListAnalysesQuery) {
    const [items, total, nextCursor] = await this.analyses.list(context, query);
    return listEnvelope(items.map(presentAnalysis), total, query, { nextCursor });
  }

  @Get(':id')
  @Access(READ)
  async get(@Tenant() context: TenantContext, @Param('id', analysisId) id: string) {
    return envelope(presentAnalysis(await this.analyses.findVisible(context, id)));
  }

  @Post(':id/re-analyze')
  @HttpCode(202)
  @Access(REANALYZE)
  @ApiOperation({ summary: 'Queue a new analysis version of the record (409 while it is processing)' })
  async reanalyze(
    @Tenant() context: TenantContext,
    @Param('id', analysisId) id: string,
    @Body() body: ReanalyzeDto,
  ) {
    return envelope(await this.analyses.reanalyze(context, id, body.profileId));
  }

  @Get(':id/annotations')
  @Access(READ)
  @ApiOperation({ summary: 'Annotations in call order' })
  async listAnnotations(
    @Tenant() context: TenantContext,
    @Param('id', analysisId) id: string,
    @Query() page: PaginationQueryDto,
  ) {
    const [items, total, nextCursor] = await this.analyses.listAnnotations(context, id, page);
    return listEnvelope(items.map(presentAnnotation), total, page, { nextCursor });
  }

  @Post(':id/annotations')
  @Access(ANNOTATE)
  async annotate(
    @Tenant() context: TenantContext,
    @Param('id', analysisId) id: string,
    @Body() body: CreateAnnotationDto,
  ) {
    return envelope(presentAnnotation(await this.analyses.annotate(context, id, body)));
  }

  @Get(':id/review')
  @Access(READ)
  @ApiOperation({ summary: 'The current QA review and the ones it replaced, newest first' })
  async reviewHistory(@Tenant() context: TenantContext, @Param('id', analysisId) id: string) {
    const { current, history } = await this.analyses.reviewHistory(context, id);
    return envelope({
      current: current ? presentReview(current) : null,
      history: history.map(presentReview),
    });
  }

  @Post(':id/review')
  @Access(REVIEW)
  @ApiOperation({
    summary: 'Review an analysis; a new review replaces the current one, which joins the history',
  })
  async review(
    @Tenant() context: TenantContext,
    @Param('id', analysisId) id: string,
    @Body() body: CreateReviewDto,
  ) {
    return envelope(presentReview(await this.analyses.review(context, id, body)));
  }
}
