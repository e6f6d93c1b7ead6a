import { Injectable } from '@nestjs/common';
import { actorId, AppError, forbidden, PaginationQueryDto, TenantContext } from '@app/core';
import {
  AnalysesService,
  AnalysisEntity,
  analysisNotFound,
  AnalysisProfilesService,
  AnnotationsService,
  CreateAnnotationDto,
  CreateReviewDto,
  ListAnalysesQuery,
  ReviewsService,
} from '@app/analysis';
import { PipelineService } from '@app/pipeline';
import { RecordsService } from '@app/records';

/**
 * The Analyses API over the analysis, records and pipeline contexts: an analysis is visible exactly when its record
 * is (an agent sees only its own records), and anything the caller may not see is a 404.
 */
@Injectable()
export class AnalysesAccessService {
  constructor(
    private readonly analyses: AnalysesService,
    private readonly profiles: AnalysisProfilesService,
    private readonly annotations: AnnotationsService,
    private readonly reviews: ReviewsService,
    private readonly records: RecordsService,
    private readonly pipeline: PipelineService,
  ) {}

  list(ctx: TenantContext, query: ListAnalysesQuery) {
    const scope = this.records.visibleIdsSubquery(ctx, { projectId: query.projectId });
    return this.analyses.list(ctx.orgId, query, scope);
  }

  async findVisible(ctx: TenantContext, id: string): Promise<AnalysisEntity> {
    const analysis = await this.analyses.findOne(ctx.orgId, id);
    // The record's own 404 would name a record; the caller asked for an analysis.
    await this.records.findVisible(ctx, analysis.recordId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? analysisNotFound() : error;
    });
    return analysis;
  }

  /** A new analysis version of the record, with another scorecard if given; 409 while the record is processing. */
  async reanalyze(ctx: TenantContext, id: string, profileId?: string) {
    const analysis = await this.findVisible(ctx, id);
    if (profileId) await this.profiles.findOne(ctx.orgId, profileId);
    const queued = await this.pipeline.reanalyze(ctx.orgId, analysis.recordId, profileId);
    return { ...queued, status: 'queued' as const };
  }

  async annotate(ctx: TenantContext, id: string, input: CreateAnnotationDto) {
    const analysis = await this.findVisible(ctx, id);
    return this.annotations.create(ctx.orgId, analysis.id, actorId(ctx), input);
  }

  async listAnnotations(ctx: TenantContext, id: string, page: PaginationQueryDto) {
    const analysis = await this.findVisible(ctx, id);
    return this.annotations.list(ctx.orgId, analysis.id, page);
  }

  async review(ctx: TenantContext, id: string, input: CreateReviewDto) {
    // A review is a person's judgement; the route already requires a supervisor, this keeps it so if that changes.
    if (ctx.actor.kind !== 'user') throw forbidden('Only a person can review an analysis');
    const analysis = await this.findVisible(ctx, id);
    return this.reviews.create(analysis, ctx.actor.userId, input);
  }

  async reviewHistory(ctx: TenantContext, id: string) {
    const analysis = await this.findVisible(ctx, id);
    return this.reviews.history(ctx.orgId, analysis.id);
  }
}
