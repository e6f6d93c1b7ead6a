import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EntityManager, QueryFailedError } from 'typeorm';
import { conflict, forbidden, newId, ownerFilterFor, roleAtLeast, TenantContext } from '@app/core';
import { DatabaseService } from '@app/database';
import { RecordLifecycleService, RestartFrom } from './lifecycle/record-lifecycle.service';
import { STATE_OF_STAGE } from './lifecycle/processing-states';
import { AUDIO_CONTENT_TYPES, AudioFormat, TranscriptionResult } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import type { AudioFacts } from './audio/inspect-audio';
import { ListRecordsQuery } from './dto/list-records.query';
import { RecordDetailsDto, UploadDetailsDto } from './dto/record-details.dto';
import { NotesRepository } from './notes/notes.repository';
import { ProjectsRepository } from './projects/projects.repository';
import { RecordExtensions, RecordInclude } from './record-extensions';
import { AudioMask, RecordEntity } from './record.entity';
import { presentRecord, RecordView } from './record.presenter';
import { recordEventData } from './pipeline/record-event-data';
import { RecordsRepository } from './records.repository';
import { projectNotFound, rangeNotSatisfiable, recordNotFound } from './records.errors';
import { parseRange } from './audio/parse-range';
import {
  recordStorageKey,
  recordStoragePrefix,
  STORAGE_DRIVER,
  StorageDriver,
} from './storage/storage-driver';
import { TagsRepository } from './tags/tags.repository';

/** A file that has landed in temporary storage and passed the format checks, ready to become a record. */
export interface ArrivedAudio {
  orgId: string;
  projectId: string;
  ownerId: string | null;
  /** How it arrived: upload, signed-upload, tus, ingest, import (or the caller's source for ingest). */
  source: string;
  details: UploadDetailsDto;
  tempKey: string;
  audio: AudioFacts;
  /** A row reserved earlier (two-step upload, URL ingest) that waits in stage `uploading` for these bytes. */
  reservedRecordId?: string;
  masks?: AudioMask[];
  media?: Array<Record<string, unknown>>;
  /** A transcript sent with the call: stored as version 1, and the transcription stage uses it as is. */
  suppliedTranscript?: TranscriptionResult;
}

/** What a record waiting for its bytes starts with (two-step upload, URL ingest). */
export interface ReservedRecord {
  orgId: string;
  projectId: string;
  ownerId: string | null;
  source: string;
  details: UploadDetailsDto;
  uploadId?: string;
  sourceUrl?: string;
}

/** A record without audio whose transcript the caller supplies (a transcribe). */
export interface TranscriptRecordInput {
  orgId: string;
  projectId: string;
  ownerId: string | null;
  source: string;
  title: string;
  language: string;
  /** Seconds the conversation lasted, as estimated from its utterances. */
  duration: number;
}

export interface AudioStream {
  stream: Readable;
  contentType: string;
  sizeBytes: number;
  range?: { start: number; end: number };
}

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (error.driverError as { constraint?: string }).constraint === constraint;

@Injectable()
export class RecordsService {
  private readonly logger = new Logger(RecordsService.name);

  constructor(
    private readonly records: RecordsRepository,
    private readonly projects: ProjectsRepository,
    private readonly tags: TagsRepository,
    private readonly notes: NotesRepository,
    private readonly database: DatabaseService,
    private readonly lifecycle: RecordLifecycleService,
    private readonly extensions: RecordExtensions,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly outbox: OutboxService,
  ) {}

  // --- creation: every upload path ends here -------------------------------------------------

  /**
   * The one place a call's audio becomes a record: in one transaction the row is written (pending, queued), the
   * temporary file moves to the record's key and `record.created` is emitted; after the commit the first pipeline
   * stage is queued. Whatever fails, nothing is left behind: no row, no file.
   */
  async createFromUpload(arrival: ArrivedAudio): Promise<RecordEntity> {
    const recordId = arrival.reservedRecordId ?? newId('rec');
    const key = recordStorageKey(arrival.orgId, recordId, arrival.audio.format);
    let fileCommitted = false;
    try {
      const record = await this.database.transaction(async (manager) => {
        await this.assertProject(arrival.orgId, arrival.projectId, manager);
        const audioColumns = {
          storageKey: key,
          sizeBytes: arrival.audio.sizeBytes,
          format: arrival.audio.format,
          codec: arrival.audio.codec,
          sampleRate: arrival.audio.sampleRate,
          channels: arrival.audio.channels,
          duration: arrival.audio.duration,
          ...STATE_OF_STAGE.queued,
          uploadId: null,
        };
        if (arrival.reservedRecordId) {
          await this.claimReserved(arrival.orgId, recordId, audioColumns, manager);
        } else {
          await this.insertRecord(
            {
              id: recordId,
              orgId: arrival.orgId,
              projectId: arrival.projectId,
              ownerId: arrival.ownerId,
              source: arrival.source,
              details: arrival.details,
              masks: arrival.masks,
              media: arrival.media,
              columns: audioColumns,
            },
            manager,
          );
        }
        await this.storage.commit(arrival.tempKey, key);
        fileCommitted = true;
        const created = await this.records.findOneOrFail(arrival.orgId, recordId, 'Record', manager);
        if (arrival.suppliedTranscript)
          await this.extensions.transcripts?.save(
            arrival.orgId,
            recordId,
            created.pipelineVersion,
            { ...arrival.suppliedTranscript, duration: arrival.audio.duration },
            manager,
          );
        await this.emitRecordCreated(created, manager);
        return created;
      });
      await this.lifecycle.continue(record);
      return record;
    } catch (error) {
      if (fileCommitted) await this.storage.delete(key).catch(() => undefined);
      else await this.storage.discardTemp(arrival.tempKey).catch(() => undefined);
      throw error;
    }
  }

  /** `record.created`, written in the creating transaction: it exists exactly when the record does. */
  protected async emitRecordCreated(record: RecordEntity, manager: EntityManager): Promise<void> {
    await this.outbox.add(manager, {
      orgId: record.orgId,
      type: 'record.created',
      dedupeKey: `record.created:${record.id}`,
      data: recordEventData(record),
    });
  }

  /**
   * A record of type `transcript` (typed conversation, no audio), written in the caller's transaction with its
   * `record.created` event: pending at stage `queued`, where the analysis stage claims it (transcribes).
   */
  async createTranscriptRecord(manager: EntityManager, input: TranscriptRecordInput): Promise<RecordEntity> {
    await this.assertProject(input.orgId, input.projectId, manager);
    const id = newId('rec');
    await this.insertRecord(
      {
        id,
        orgId: input.orgId,
        projectId: input.projectId,
        ownerId: input.ownerId,
        source: input.source,
        details: { title: input.title, language: input.language },
        columns: {
          type: 'transcript',
          duration: input.duration,
          ...STATE_OF_STAGE.queued,
          features: {
            transcription: {
              status: 'skipped',
              reason: 'a typed transcript has no audio to recognise',
              attempts: 0,
            },
          },
        },
      },
      manager,
    );
    const created = await this.records.findOneOrFail(input.orgId, id, 'Record', manager);
    await this.emitRecordCreated(created, manager);
    return created;
  }

  /** Reserves a row for bytes that arrive later (two-step upload, URL ingest): pending, stage `uploading`. */
  async reserve(input: ReservedRecord, manager?: EntityManager): Promise<RecordEntity> {
    const work = async (tx: EntityManager) => {
      await this.assertProject(input.orgId, input.projectId, tx);
      const id = newId('rec');
      await this.insertRecord(
        {
          id,
          orgId: input.orgId,
          projectId: input.projectId,
          ownerId: input.ownerId,
          source: input.source,
          details: input.details,
          columns: {
            ...STATE_OF_STAGE.uploading,
            uploadId: input.uploadId ?? null,
            sourceUrl: input.sourceUrl ?? null,
          },
        },
        tx,
      );
      return this.records.findOneOrFail(input.orgId, id, 'Record', tx);
    };
    return manager ? work(manager) : this.database.transaction(work);
  }

  /**
   * Marks a reserved record failed (an ingest that could not fetch its audio), with `record.failed` in the same
   * transaction: the client was given the record's id, so its receivers hear how it ended.
   */
  async failReserved(orgId: string, recordId: string, stage: string, message: string): Promise<void> {
    await this.database.transaction(async (manager) => {
      const record = await this.records.findOne(orgId, recordId, manager);
      if (!record) return;
      const failed = await this.lifecycle.transition(
        orgId,
        recordId,
        { version: record.pipelineVersion, fromStages: ['uploading'] },
        {
          ...STATE_OF_STAGE.uploading,
          processingStatus: 'failed',
          sentimentLabel: 'ERROR',
          processingErrors: [...record.processingErrors, { stage, message, at: new Date().toISOString() }],
        },
        manager,
      );
      if (!failed) return;
      await this.outbox.add(manager, {
        orgId,
        type: 'record.failed',
        dedupeKey: `record.failed:${recordId}:${record.pipelineVersion}`,
        data: recordEventData(failed),
      });
    });
  }

  /** New media descriptors and events of a re-imported call (POST /records/import with a known id). */
  async mergeImported(
    orgId: string,
    id: string,
    patch: Pick<RecordEntity, 'media' | 'metadata'>,
  ): Promise<void> {
    await this.records.update(orgId, id, patch);
  }

  findByExternalId(orgId: string, source: string, externalId: string): Promise<RecordEntity | null> {
    return this.records.findByExternalId(orgId, source, externalId);
  }

  findByUploadId(orgId: string, uploadId: string): Promise<RecordEntity | null> {
    return this.records.findByUploadId(orgId, uploadId);
  }

  /** Who owns a new record: the uploading user, or someone else when a supervisor+ says so. */
  resolveOwner(ctx: TenantContext, requested?: string): string | null {
    if (ctx.actor.kind === 'client') return requested ?? null;
    if (!requested || requested === ctx.actor.userId) return ctx.actor.userId;
    if (!roleAtLeast(ctx.role, 'supervisor'))
      throw forbidden('Only a supervisor or above may create records for another user');
    return requested;
  }

  async assertProject(orgId: string, projectId: string, manager?: EntityManager): Promise<void> {
    if (!(await this.projects.findOne(orgId, projectId, manager))) throw projectNotFound();
  }

  // --- reading and editing -------------------------------------------------------------------

  async list(ctx: TenantContext, query: ListRecordsQuery): Promise<[RecordView[], number]> {
    const [rows, total] = await this.records.list(ctx.orgId, query, ownerFilterFor(ctx));
    return [await this.present(ctx, rows), total];
  }

  async get(ctx: TenantContext, id: string, include: RecordInclude[] = []) {
    const record = await this.findVisible(ctx, id);
    const [view] = await this.present(ctx, [record]);
    const extra: Record<string, unknown> = {};
    for (const name of include) {
      if (name === 'notes') {
        const notes = await this.notes.findBy(ctx.orgId, { recordId: id }, { order: { createdAt: 'ASC' } });
        extra.notes = notes.map((note) => ({
          noteId: note.id,
          authorUserId: note.authorUserId,
          noteText: note.noteText,
          createdAt: note.createdAt.toISOString(),
          lastModified: note.updatedAt.toISOString(),
        }));
      } else {
        // null until the owning context registers its loader (transcription, analysis)
        const loader = this.extensions.loaderFor(name);
        extra[name] = loader ? await loader(ctx.orgId, id) : null;
      }
    }
    return { ...view, ...extra };
  }

  async update(ctx: TenantContext, id: string, patch: RecordDetailsDto): Promise<RecordView> {
    const record = await this.findVisible(ctx, id);
    if (
      patch.ownerId !== undefined &&
      patch.ownerId !== record.ownerId &&
      !roleAtLeast(ctx.role, 'supervisor')
    )
      throw forbidden('Only a supervisor or above may change the owner of a record');
    const changes: Partial<RecordEntity> = {};
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.direction !== undefined) changes.direction = patch.direction;
    if (patch.from !== undefined) changes.from = { ...patch.from };
    if (patch.to !== undefined) changes.to = { ...patch.to };
    if (patch.agentName !== undefined) changes.agentName = patch.agentName;
    if (patch.ownerId !== undefined) changes.ownerId = patch.ownerId;
    if (patch.language !== undefined) changes.language = patch.language;
    if (patch.metadata !== undefined) changes.metadata = { ...record.metadata, ...patch.metadata };
    if (Object.keys(changes).length > 0) await this.records.update(ctx.orgId, id, changes);
    if (changes.ownerId !== undefined)
      await this.extensions.runRecordHooks({ orgId: ctx.orgId, recordId: id, ownerId: changes.ownerId });
    const [view] = await this.present(ctx, [await this.records.findOneOrFail(ctx.orgId, id, 'Record')]);
    return view;
  }

  /** Deletes a record with everything hanging on it; its audio folder goes once the rows are gone. */
  async remove(ctx: TenantContext, id: string): Promise<void> {
    await this.findVisible(ctx, id);
    await this.deleteRecords(ctx.orgId, [id]);
  }

  /** Rows of several records and, through hooks, other contexts' rows, in one transaction; then their files. */
  async deleteRecords(orgId: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.database.transaction((tx) => this.deleteRecordRows(orgId, ids, tx));
    await this.removeRecordFiles(orgId, ids);
  }

  /** The rows part of a deletion, for a caller that owns the transaction (and removes the files after it). */
  async deleteRecordRows(orgId: string, ids: string[], manager: EntityManager): Promise<void> {
    if (ids.length === 0) return;
    await this.extensions.runDeletionHooks(orgId, ids, manager);
    // notes and record_tags go by ON DELETE CASCADE
    await this.records.deleteMany(orgId, ids, manager);
  }

  async removeRecordFiles(orgId: string, ids: string[]): Promise<void> {
    for (const id of ids)
      await this.storage
        .deletePrefix(recordStoragePrefix(orgId, id))
        .catch((error: Error) => this.logger.warn(`Could not remove the files of ${id}: ${error.message}`));
  }

  /** Runs the record again from a stage under a new pipeline version (RecordLifecycleService.restart). */
  async reprocess(ctx: TenantContext, id: string, fromStage: RestartFrom = 'transcribing') {
    await this.findVisible(ctx, id);
    const record = await this.lifecycle.restart(ctx.orgId, id, fromStage);
    return { id, processingStatus: record.processingStatus, pipelineVersion: record.pipelineVersion };
  }

  /** The original audio (or its redacted copy), whole or one byte range. */
  async openAudio(
    ctx: TenantContext,
    id: string,
    rangeHeader?: string,
    redacted = false,
  ): Promise<AudioStream> {
    const record = await this.findVisible(ctx, id);
    if (!record.storageKey || !record.format) throw recordNotFound();
    const key = redacted ? redactedAudioKey(record) : record.storageKey;
    const info = await this.storage.stat(key);
    if (!info) throw recordNotFound();
    const contentType = AUDIO_CONTENT_TYPES[record.format as AudioFormat] ?? 'application/octet-stream';
    const range = parseRange(rangeHeader, info.sizeBytes);
    if (range === 'unsatisfiable') throw rangeNotSatisfiable(info.sizeBytes);
    const stream = await this.storage.openRead(key, range ?? undefined);
    return { stream, contentType, sizeBytes: info.sizeBytes, range: range ?? undefined };
  }

  // --- for the pipeline ----------------------------------------------------------------------

  findForPipeline(orgId: string, id: string, manager?: EntityManager): Promise<RecordEntity | null> {
    return this.records.findOne(orgId, id, manager);
  }

  /** A record the caller may see: of its organisation and, for an agent, its own; anything else is a 404. */
  async findVisible(ctx: TenantContext, id: string): Promise<RecordEntity> {
    const record = await this.records.findOne(ctx.orgId, id);
    const owner = ownerFilterFor(ctx);
    if (!record || (owner && record.ownerId !== owner)) throw recordNotFound();
    return record;
  }

  /**
   * The records a caller may see (an agent only its own), optionally of one project, as an SQL subquery of ids:
   * contexts that list rows hanging on records filter by it without reading the records table themselves. Null when
   * nothing narrows the organisation's records.
   */
  visibleIdsSubquery(
    ctx: TenantContext,
    filter: { projectId?: string } = {},
  ): { sql: string; params: Record<string, unknown> } | null {
    const owner = ownerFilterFor(ctx);
    if (!owner && !filter.projectId) return null;
    const query = this.records
      .query(ctx.orgId, 'visible_record')
      .select('visible_record.id')
      .setParameter('orgId', ctx.orgId);
    if (owner) query.andWhere('visible_record.owner_id = :visibleOwnerId', { visibleOwnerId: owner });
    if (filter.projectId)
      query.andWhere('visible_record.project_id = :visibleProjectId', { visibleProjectId: filter.projectId });
    return { sql: query.getQuery(), params: query.getParameters() };
  }

  async present(ctx: TenantContext, rows: RecordEntity[]): Promise<RecordView[]> {
    const ids = rows.map((row) => row.id);
    const [tags, withNotes] = await Promise.all([
      this.tags.forRecords(ctx.orgId, ids),
      this.notes.recordsWithNotes(ctx.orgId, ids),
    ]);
    return rows.map((row) =>
      presentRecord(row, ctx, {
        tags: tags.filter((tag) => tag.recordId === row.id),
        hasNotes: withNotes.has(row.id),
      }),
    );
  }

  // --- internals -----------------------------------------------------------------------------

  private async insertRecord(
    input: {
      id: string;
      orgId: string;
      projectId: string;
      ownerId: string | null;
      source: string;
      details: UploadDetailsDto;
      masks?: AudioMask[];
      media?: Array<Record<string, unknown>>;
      columns: Partial<RecordEntity>;
    },
    manager: EntityManager,
  ): Promise<void> {
    const { details } = input;
    try {
      await this.records.insert(
        input.orgId,
        {
          id: input.id,
          projectId: input.projectId,
          ownerId: input.ownerId,
          type: 'call',
          source: input.source,
          title: details.title ?? null,
          direction: details.direction ?? null,
          from: details.from ? { ...details.from } : null,
          to: details.to ? { ...details.to } : null,
          agentName: details.agentName ?? null,
          customerPhone: details.customerPhone ?? null,
          date: details.date ? new Date(details.date) : null,
          language: details.language ?? null,
          externalId: details.externalId ?? null,
          metadata: details.metadata ?? {},
          masks: input.masks ?? [],
          media: input.media ?? [],
          ...input.columns,
        },
        manager,
      );
    } catch (error) {
      if (isUniqueViolation(error, 'records_org_source_external_uq'))
        throw conflict('A record with this externalId already exists', [
          { field: 'metadata.externalId', message: 'already used' },
        ]);
      throw error;
    }
    for (const value of new Set(details.tags ?? [])) {
      const tag = await this.tags.upsertByValue(input.orgId, value, manager);
      await this.tags.attach(input.orgId, input.id, tag.id, manager);
    }
  }

  /** Moves a reserved row to queued exactly once; a second arrival for the same row finds nothing to claim. */
  private async claimReserved(
    orgId: string,
    recordId: string,
    columns: Partial<RecordEntity>,
    manager: EntityManager,
  ): Promise<void> {
    if (!(await this.records.updateWhileUploading(orgId, recordId, columns, manager)))
      throw conflict('The record already has its audio');
  }
}

export const redactedAudioKey = (record: Pick<RecordEntity, 'orgId' | 'id' | 'format'>) =>
  `${recordStoragePrefix(record.orgId, record.id)}/redacted.${record.format}`;
