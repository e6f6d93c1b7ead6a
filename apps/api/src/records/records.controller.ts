import {
  Body,
  Controller,
  Delete,
  Get,
  Headers,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuditService } from '@app/audit';
import { WithinBudget } from '@app/billing';
import {
  Access,
  envelope,
  listEnvelope,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
  READ_RECORDINGS,
  WRITE_RECORDINGS,
} from '@app/core';
import {
  AddTagDto,
  BucketUploadsService,
  createdRecordView,
  CreateUploadDto,
  IngestRecordDto,
  IngestService,
  ImportRecordDto,
  ImportService,
  ListRecordsQuery,
  NoteDto,
  NotesService,
  RecordDetailsDto,
  AudioLinksService,
  RecordDeletionService,
  RecordsService,
  TagsService,
  UploadsService,
} from '@app/records';
import { AudioLinkDto, AudioQuery, DeleteRecordQuery, RecordQuery, ReprocessDto } from './records.queries';
import { AudioResponder } from './audio-responder';

const RecordId = new ParseIdPipe('rec', 'Record');
const TagId = new ParseIdPipe('tag', 'Tag');
const NoteId = new ParseIdPipe('nte', 'Note');

@ApiTags('records')
@ApiBearerAuth()
@Controller('records')
export class RecordsController {
  constructor(
    private readonly records: RecordsService,
    private readonly audioResponder: AudioResponder,
    private readonly audioLinks: AudioLinksService,
    private readonly uploads: UploadsService,
    private readonly bucketUploads: BucketUploadsService,
    private readonly tags: TagsService,
    private readonly notes: NotesService,
    private readonly ingestion: IngestService,
    private readonly imports: ImportService,
    private readonly deletion: RecordDeletionService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Access(READ_RECORDINGS)
  async list(@Tenant() ctx: TenantContext, @Query() query: ListRecordsQuery) {
    const [items, total, totalIsEstimate, nextCursor] = await this.records.list(ctx, query);
    return listEnvelope(items, total, query, { totalIsEstimate, nextCursor });
  }

  @Post('upload')
  @WithinBudget()
  @Access(WRITE_RECORDINGS)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file', 'projectId'],
      properties: {
        file: { type: 'string', format: 'binary' },
        projectId: { type: 'string' },
        metadata: { type: 'string', description: 'JSON object' },
      },
    },
  })
  async upload(@Tenant() ctx: TenantContext, @Req() request: Request) {
    return envelope(createdRecordView(await this.uploads.receiveMultipart(ctx, request)));
  }

  @Post('ingest')
  @WithinBudget()
  @Access(WRITE_RECORDINGS)
  async ingest(
    @Tenant() ctx: TenantContext,
    @Body() dto: IngestRecordDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { record, created } = await this.ingestion.accept(ctx, dto);
    // 202 for a pull just queued; 200 with the first record when (source, externalId) was seen before.
    response.status(created ? 202 : 200);
    return envelope({
      id: record.id,
      processingStatus: record.processingStatus,
      processingStage: record.processingStage,
    });
  }

  @Post('import')
  @WithinBudget()
  @Access(WRITE_RECORDINGS)
  async import(
    @Tenant() ctx: TenantContext,
    @Body() dto: ImportRecordDto,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { recordId, created } = await this.imports.importCall(ctx, dto);
    response.status(created ? 201 : 200);
    // The Genesys insertion answer: statusCode 0 is success in that protocol.
    return { statusCode: 0, data: { recordId } };
  }

  @Post('uploads')
  @WithinBudget()
  @Access(WRITE_RECORDINGS)
  async createUpload(@Tenant() ctx: TenantContext, @Body() dto: CreateUploadDto) {
    return envelope(await this.uploads.createSignedUpload(ctx, dto));
  }

  @Post(':id/upload-complete')
  @HttpCode(200)
  @Access(WRITE_RECORDINGS)
  @ApiOperation({
    summary:
      'Tells Parley a two-step upload was PUT (needed only to skip the wait when the PUT went straight to the bucket)',
  })
  async uploadComplete(@Tenant() ctx: TenantContext, @Param('id', RecordId) id: string) {
    return envelope(createdRecordView(await this.bucketUploads.complete(ctx, id)));
  }

  @Get(':id')
  @Access(READ_RECORDINGS)
  async get(@Tenant() ctx: TenantContext, @Param('id', RecordId) id: string, @Query() query: RecordQuery) {
    return envelope(await this.records.get(ctx, id, query.includes, query.includeDeleted === true));
  }

  @Patch(':id')
  @Access(WRITE_RECORDINGS)
  async update(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Body() dto: RecordDetailsDto,
  ) {
    return envelope(await this.records.update(ctx, id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  @ApiOperation({
    summary:
      'Delete (restorable; gone from lists, search and stats at once) or, with permanent=true, purge (admin)',
  })
  async remove(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Query() query: DeleteRecordQuery,
  ) {
    if (query.permanent) await this.deletion.purge(ctx, id);
    else await this.deletion.softDelete(ctx, id);
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Access({ role: 'admin' })
  @ApiOperation({ summary: 'Bring a deleted record back' })
  async restore(@Tenant() ctx: TenantContext, @Param('id', RecordId) id: string) {
    await this.deletion.restore(ctx, id);
    return envelope(await this.records.get(ctx, id));
  }

  @Post(':id/reprocess')
  @HttpCode(202)
  @Access(WRITE_RECORDINGS)
  async reprocess(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Body() dto: ReprocessDto,
  ) {
    return envelope(await this.records.reprocess(ctx, id, dto.fromStage));
  }

  @Get(':id/audio')
  @Access(READ_RECORDINGS)
  async audio(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Query() query: AudioQuery,
    @Headers('range') range: string | undefined,
    @Res() response: Response,
  ) {
    await this.audioResponder.send(ctx, id, query.redacted === true, range, response);
  }

  @Post(':id/audio-link')
  @HttpCode(201)
  @Access(READ_RECORDINGS)
  @ApiOperation({
    summary: 'A signed URL of the audio for players that cannot send a bearer token (valid two hours)',
  })
  async audioLink(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Body() dto: AudioLinkDto,
  ) {
    return envelope(await this.audioLinks.create(ctx, id, dto.redacted === true));
  }

  // --- tags ----------------------------------------------------------------------------------

  @Post(':id/tags')
  @Access(WRITE_RECORDINGS)
  async addTag(@Tenant() ctx: TenantContext, @Param('id', RecordId) id: string, @Body() dto: AddTagDto) {
    return envelope(await this.tags.addToRecord(ctx, id, dto.value));
  }

  @Delete(':id/tags/:tagId')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  async removeTag(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Param('tagId', TagId) tagId: string,
  ) {
    await this.tags.removeFromRecord(ctx, id, tagId);
  }

  // --- notes ---------------------------------------------------------------------------------

  @Get(':id/notes')
  @Access(READ_RECORDINGS)
  async listNotes(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Query() page: PaginationQueryDto,
  ) {
    const [items, total, nextCursor] = await this.notes.list(ctx, id, page);
    return listEnvelope([...items], total, page, { nextCursor });
  }

  @Post(':id/notes')
  @Access(WRITE_RECORDINGS)
  async addNote(@Tenant() ctx: TenantContext, @Param('id', RecordId) id: string, @Body() dto: NoteDto) {
    return envelope(await this.notes.create(ctx, id, dto.noteText));
  }

  @Patch(':id/notes/:noteId')
  @Access(WRITE_RECORDINGS)
  async updateNote(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Param('noteId', NoteId) noteId: string,
    @Body() dto: NoteDto,
  ) {
    return envelope(await this.notes.update(ctx, id, noteId, dto.noteText));
  }

  @Delete(':id/notes/:noteId')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  async removeNote(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordId) id: string,
    @Param('noteId', NoteId) noteId: string,
  ) {
    await this.notes.remove(ctx, id, noteId);
  }
}
