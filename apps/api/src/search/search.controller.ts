import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access, Tenant, TenantContext } from '@app/core';
import { SearchQueryDto, SearchService } from '@app/search';

@ApiTags('search')
@ApiBearerAuth()
@Controller('search')
export class SearchController {
  constructor(private readonly search: SearchService) {}

  @Get()
  @Access({ role: 'viewer', scope: 'recordings.read' })
  @ApiOperation({
    summary: 'Full-text search over transcripts, summaries, titles and notes',
    description:
      'Ranked hits (score 0..1) of the caller’s organisation (an agent: its own records only). The snippet is ' +
      'HTML-escaped text with <b>…</b> around the matches; transcript hits carry the sentence’s startTime.',
  })
  async find(@Tenant() ctx: TenantContext, @Query() query: SearchQueryDto) {
    const { items, total, totalIsLowerBound } = await this.search.search(ctx, query);
    return {
      data: items,
      meta: { total, totalIsLowerBound, query: query.q, page: query.page, limit: query.limit },
    };
  }
}
