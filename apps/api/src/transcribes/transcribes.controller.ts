import { DeleteRecordQuery } from '../records/records.queries';
import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  envelope,
  listEnvelope,
  ParseIdPipe,
  Tenant,
  TenantContext,
  READ_RECORDINGS,
  WRITE_RECORDINGS,
} from '@app/core';
import { WithinBudget } from '@app/billing';
import {
  CreateTranscribeDto,
  GetTranscribeQuery,
  ListTranscribesQuery,
  TranscribesService,
} from '@app/transcribes';

const transcribeId = new ParseIdPipe('trb', 'Transcribe');

@ApiTags('transcribes')
@ApiBearerAuth()
@Controller('transcribes')
export class TranscribesController {
  constructor(private readonly transcribes: TranscribesService) {}

  @Get()
  @Access(READ_RECORDINGS)
  @ApiOperation({
    summary: 'Transcribes, most recent first, optionally of one contact (without their contents)',
  })
  async list(@Tenant() context: TenantContext, @Query() query: ListTranscribesQuery) {
    const [items, total, nextCursor] = await this.transcribes.list(context, query);
    return listEnvelope(items, total, query, { nextCursor });
  }

  @Post()
  @Access(WRITE_RECORDINGS)
  @WithinBudget()
  @ApiOperation({
    summary:
      'Create a transcribe; it is analysed like a call. A bad entry is a 400 naming it (contents[3].text)',
  })
  async create(@Tenant() context: TenantContext, @Body() body: CreateTranscribeDto) {
    return envelope(await this.transcribes.create(context, body));
  }

  @Get(':id')
  @Access(READ_RECORDINGS)
  @ApiOperation({
    summary: 'A transcribe with its contents; associations=transcribe.contact inlines the contact',
  })
  async get(
    @Tenant() context: TenantContext,
    @Param('id', transcribeId) id: string,
    @Query() query: GetTranscribeQuery,
  ) {
    return envelope(await this.transcribes.get(context, id, query));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  @ApiOperation({
    summary:
      'Delete (restorable with its record: 404 from then on; gone from records, analyses and search) or, with permanent=true, purge (admin)',
  })
  async remove(
    @Tenant() context: TenantContext,
    @Param('id', transcribeId) id: string,
    @Query() query: DeleteRecordQuery,
  ) {
    await this.transcribes.remove(context, id, query.permanent === true);
  }
}
