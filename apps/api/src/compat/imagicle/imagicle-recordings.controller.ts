import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  Access,
  idOfUuid,
  notFound,
  PaginationQueryDto,
  ParseIdPipe,
  Tenant,
  TenantContext,
  READ_RECORDINGS,
  WRITE_RECORDINGS,
} from '@app/core';
import { WithinBudget } from '@app/billing';
import { TranscriptViewService } from '@app/pipeline';
import {
  ListRecordsQuery,
  NotesService,
  ProjectsService,
  RecordsService,
  TagsService,
  UploadsService,
} from '@app/records';
import { ImagicleListQuery, ImagicleNoteDto, ImagicleTagDto, ImagicleUploadRequestDto } from './imagicle.dto';
import { imagicleNote, imagicleRecording, imagicleTag, imagicleTranscription } from './imagicle.views';

const RecordingId = new ParseIdPipe('rec', 'Recording');
/** Notes per recording an Imagicle client gets in one answer (the document pages none of its sub-lists). */
const NOTES_PER_ANSWER = 100;

/**
 * Imagicle Voice Analytics Recordings.v1 (seed 000) over Parley's records: the Recording object, the two-step
 * upload with a presigned PUT, transcription, tags and notes; errors as `{ errorCode, errorDescription }`.
 */
@ApiTags('compat: Imagicle')
@ApiBearerAuth()
@Controller('compat/imagicle/v1/recordings')
export class ImagicleRecordingsController {
  constructor(
    private readonly records: RecordsService,
    private readonly uploads: UploadsService,
    private readonly projects: ProjectsService,
    private readonly transcripts: TranscriptViewService,
    private readonly tags: TagsService,
    private readonly notes: NotesService,
  ) {}

  @Get()
  @Access(READ_RECORDINGS)
  @ApiOperation({ summary: 'Recordings, newest call first, filtered by date, direction, owner or tag' })
  async list(@Tenant() ctx: TenantContext, @Query() query: ImagicleListQuery) {
    const filter = Object.assign(new ListRecordsQuery(), {
      page: query.page,
      pageSize: query.pageSize,
      sort: 'date',
      order: 'desc',
      from: query.dateFrom ? new Date(query.dateFrom) : undefined,
      to: query.dateTo ? new Date(query.dateTo) : undefined,
      direction: query.direction,
      ownerId: query.ownerId,
      tag: query.tag,
    });
    const [items, total] = await this.records.list(ctx, filter);
    return {
      recordings: items.map(imagicleRecording),
      page: query.page,
      pageSize: query.pageSize,
      total,
    };
  }

  @Post()
  @WithinBudget()
  @Access(WRITE_RECORDINGS)
  @ApiOperation({
    summary:
      'Request an upload: answers the presigned PUT (uploadUrl, method, the exact headers to send: content-type, content-md5, x-amz-meta-*)',
  })
  async requestUpload(@Tenant() ctx: TenantContext, @Body() body: ImagicleUploadRequestDto) {
    const projectId = body.projectId ?? (await this.projects.defaultProjectId(ctx));
    const metadata = Object.fromEntries(
      Object.entries({
        direction: body.direction === 'UNKNOWN' ? undefined : body.direction,
        from: body.from,
        to: body.to,
        date: body.date,
        ownerId: body.ownerId,
        title: body.fileName,
      }).filter(([, value]) => value !== undefined),
    );
    const upload = await this.uploads.createSignedUpload(ctx, {
      projectId,
      fileName: body.fileName,
      contentType: body.contentType,
      sizeBytes: body.sizeBytes,
      contentMd5: body.contentMd5,
      metadata,
    });
    return {
      id: upload.recordId,
      uploadUrl: upload.uploadUrl,
      method: upload.method,
      headers: Object.fromEntries(
        Object.entries(upload.headers).map(([name, value]) => [name.toLowerCase(), value]),
      ),
      expiresAt: upload.expiresAt,
    };
  }

  @Get(':id')
  @Access(READ_RECORDINGS)
  async get(@Tenant() ctx: TenantContext, @Param('id', RecordingId) id: string) {
    return imagicleRecording(await this.records.get(ctx, id));
  }

  @Get(':id/transcription')
  @Access(READ_RECORDINGS)
  @ApiOperation({ summary: 'Speakers and sentences (404 until the recording is transcribed)' })
  async transcription(@Tenant() ctx: TenantContext, @Param('id', RecordingId) id: string) {
    const view = await this.transcripts.view(ctx, id, { redacted: false });
    if (!view.json) throw notFound('Transcription');
    return imagicleTranscription(view.json);
  }

  @Get(':id/tags')
  @Access(READ_RECORDINGS)
  async listTags(@Tenant() ctx: TenantContext, @Param('id', RecordingId) id: string) {
    return (await this.records.get(ctx, id)).tags.map(imagicleTag);
  }

  @Post(':id/tags')
  @Access(WRITE_RECORDINGS)
  async addTag(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Body() body: ImagicleTagDto,
  ) {
    return imagicleTag(await this.tags.addToRecord(ctx, id, body.value));
  }

  @Delete(':id/tags/:tagId')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  async removeTag(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Param('tagId') tagId: string,
  ): Promise<void> {
    const tag = idOfUuid('tag', tagId);
    if (!tag) throw notFound('Tag');
    await this.tags.removeFromRecord(ctx, id, tag);
  }

  @Get(':id/notes')
  @Access(READ_RECORDINGS)
  async listNotes(@Tenant() ctx: TenantContext, @Param('id', RecordingId) id: string) {
    const page = Object.assign(new PaginationQueryDto(), { page: 1, pageSize: NOTES_PER_ANSWER });
    const [items] = await this.notes.list(ctx, id, page);
    return items.map(imagicleNote);
  }

  @Post(':id/notes')
  @Access(WRITE_RECORDINGS)
  async addNote(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Body() body: ImagicleNoteDto,
  ) {
    return imagicleNote(await this.notes.create(ctx, id, body.noteText));
  }

  @Patch(':id/notes/:noteId')
  @Access(WRITE_RECORDINGS)
  async updateNote(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Param('noteId') noteId: string,
    @Body() body: ImagicleNoteDto,
  ) {
    return imagicleNote(await this.notes.update(ctx, id, this.noteId(noteId), body.noteText));
  }

  @Delete(':id/notes/:noteId')
  @HttpCode(204)
  @Access(WRITE_RECORDINGS)
  async removeNote(
    @Tenant() ctx: TenantContext,
    @Param('id', RecordingId) id: string,
    @Param('noteId') noteId: string,
  ): Promise<void> {
    await this.notes.remove(ctx, id, this.noteId(noteId));
  }

  private noteId(uuid: string): string {
    const id = idOfUuid('nte', uuid);
    if (!id) throw notFound('Note');
    return id;
  }
}
