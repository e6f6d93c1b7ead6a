import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, envelope, ParseIdPipe, Tenant, TenantContext } from '@app/core';
import { TranscriptViewService } from '@app/pipeline';
import { TranscriptQueryDto } from './dto/transcript.query';

@ApiTags('records')
@ApiBearerAuth()
@Controller('records')
export class TranscriptsController {
  constructor(private readonly transcripts: TranscriptViewService) {}

  @Get(':id/transcript')
  @Access({ role: 'viewer', scope: 'recordings.read' })
  @ApiOperation({
    summary: 'The transcript of a record: JSON, or ?format=txt|srt|vtt; ?redacted=true masks PII',
  })
  async transcript(
    @Tenant() ctx: TenantContext,
    @Param('id', new ParseIdPipe('rec', 'Record')) id: string,
    @Query() query: TranscriptQueryDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const view = await this.transcripts.view(ctx, id, {
      redacted: query.redacted ?? false,
      format: query.format,
    });
    if ('json' in view) return envelope(view.json);
    response.type(view.contentType);
    return view.body;
  }
}
