import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, ParseIdPipe, Tenant, TenantContext, validationFailed, READ_RECORDINGS } from '@app/core';
import { AnalysesService } from '@app/analysis';
import { FollowupsService } from '@app/followups';
import { ListRecordsQuery, RecordsService, RecordView } from '@app/records';
import { SiroIncludeQuery, SiroListQuery } from './siro.dto';
import { siroRecording } from './siro.views';

const RecordingId = new ParseIdPipe('rec', 'Recording');

/** The cursor of a page: the last record's id, opaque to the client. */
const encodeCursor = (recordId: string) => Buffer.from(recordId).toString('base64url');
function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^rec_[0-9A-HJKMNP-TV-Z]{26}$/.test(id))
    throw validationFailed('cursor is not a cursor of this list', [
      { field: 'cursor', message: 'unknown cursor' },
    ]);
  return id;
}

/**
 * Siro's core recordings (seed 001) over Parley's records, analyses, evaluations, follow-ups and CRM links: one
 * recording object in Siro's names and units, and a cursor-paged list of them.
 */
@ApiTags('compat: Siro')
@ApiBearerAuth()
@Controller('compat/siro/v1/core/recordings')
export class SiroRecordingsController {
  constructor(
    private readonly records: RecordsService,
    private readonly analyses: AnalysesService,
    private readonly followups: FollowupsService,
  ) {}

  @Get()
  @Access(READ_RECORDINGS)
  @ApiOperation({
    summary: 'Recordings, newest first, cursor-paged: { data, cursor (null at the end), pageSize, limit }',
  })
  async list(@Tenant() ctx: TenantContext, @Query() query: SiroListQuery) {
    const filter = Object.assign(new ListRecordsQuery(), {
      page: 1,
      pageSize: query.limit,
      sort: 'createdAt',
      order: 'desc',
      afterId: query.cursor ? decodeCursor(query.cursor) : undefined,
    });
    const [items] = await this.records.list(ctx, filter);
    const data = await this.recordings(ctx, items, query);
    return {
      data,
      cursor: items.length === query.limit ? encodeCursor(items[items.length - 1].id) : null,
      pageSize: data.length,
      limit: query.limit,
    };
  }

  @Get(':id')
  @Access(READ_RECORDINGS)
  @ApiOperation({ summary: 'A recording in Siro shape; each include* flag set to false leaves its part out' })
  async get(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Query() query: SiroIncludeQuery,
  ) {
    const record = await this.records.get(ctx, id);
    const [data] = await this.recordings(ctx, [record], query);
    return { data, cursor: null, pageSize: 1, limit: 1 };
  }

  /** The records in Siro's shape: their analyses and follow-ups loaded in one query each, not one per record. */
  private async recordings(ctx: TenantContext, records: RecordView[], include: SiroIncludeQuery) {
    const wanted = (flag: boolean | undefined) => flag !== false;
    const ids = records.map((record) => record.id);
    const [analyses, followups] = await Promise.all([
      this.analyses.latestForRecords(ctx.orgId, ids),
      wanted(include.includeFollowups)
        ? this.followups.ofRecords(ctx.orgId, ids)
        : Promise.resolve(undefined),
    ]);
    const analysisOf = new Map(analyses.map((analysis) => [analysis.recordId, analysis]));
    return records.map((record) =>
      siroRecording(record, {
        orgId: ctx.orgId,
        analysis: analysisOf.get(record.id) ?? null,
        followups: followups?.filter((followup) => followup.recordId === record.id),
        evaluation: wanted(include.includeEvaluation),
        crmAccounts: wanted(include.includeCrmAccounts),
        crmOpportunities: wanted(include.includeCrmOpportunities),
        photos: wanted(include.includePhotos),
        mediaOpportunities: wanted(include.includeMediaOpportunities),
        multimediaEvents: wanted(include.includeMultimediaEvents),
        mobileEvents: wanted(include.includeMobileEvents),
      }),
    );
  }
}
