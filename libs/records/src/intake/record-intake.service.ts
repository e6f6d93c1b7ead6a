import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager, QueryFailedError } from 'typeorm';
import { conflict, forbidden, newId, roleAtLeast, TenantContext } from '@app/core';
import { DatabaseService } from '@app/database';
import { TranscriptionResult } from '@app/transcription';
import { OutboxService } from '@app/webhooks';
import { type AudioFacts, inspectAudio } from '../audio/inspect-audio';
import { UploadDetailsDto } from '../dto/record-details.dto';
import { STATE_OF_STAGE } from '../lifecycle/processing-states';
import { RecordLifecycleService } from '../lifecycle/record-lifecycle.service';
import { recordEventData } from '../pipeline/record-event-data';
import { ProjectsRepository } from '../projects/projects.repository';
import { RecordExtensions } from '../record-extensions';
import { AudioMask, RecordEntity } from '../record.entity';
import { RecordsRepository } from '../records.repository';
import { projectNotFound, recordNotFound } from '../records.errors';
import { recordStorageKey, STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';
import { TagsRepository } from '../tags/tags.repository';
import type { ReceivedFile } from '../uploads/receive-to-temp';

/** A file that has landed in temporary storage and passed the format checks, ready to become a record. */
export interface ArrivedAudio {
  orgId: string;
  projectId: string;
  ownerId: string | null;
  /** How it arrived: upload, signed-upload, tus, ingest, import (or the caller's source for ingest). */
  source: string;
  details: UploadDetailsDto;
  /** The temporary object holding the bytes; committed to the record's key with the row. */
  tempKey: string;
  /**
   * Set instead when the bytes already lie at their final key (a presigned PUT straight to the bucket): the row
   * adopts that key, and on a refusal the object is removed so the same URL can be used again.
   */
  storedKey?: string;
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

const UNIQUE_VIOLATION = '23505';

const isUniqueViolation = (error: unknown, constraint: string) =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string; constraint?: string }).code === UNIQUE_VIOLATION &&
  (error.driverError as { constraint?: string }).constraint === constraint;

/**
 * Every way a record comes into being: a call's audio arriving (upload, two-step, tus, ingest, import), a row
 * reserved for bytes to come, a typed transcript's record; each with its `record.created` in the same transaction.
 */
@Injectable()
export class RecordIntakeService {
  private readonly logger = new Logger(RecordIntakeService.name);

  constructor(
    private readonly records: RecordsRepository,
    private readonly projects: ProjectsRepository,
    private readonly tags: TagsRepository,
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
    const key = arrival.storedKey ?? recordStorageKey(arrival.orgId, recordId, arrival.audio.format);
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
        if (!arrival.storedKey) {
          await this.storage.commit(arrival.tempKey, key);
          fileCommitted = true;
        }
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
      // An object already at its key is the caller's to keep or remove (a second landing of it is refused here).
      if (fileCommitted) await this.storage.delete(key).catch(() => undefined);
      else if (!arrival.storedKey) await this.storage.discardTemp(arrival.tempKey).catch(() => undefined);
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

  /**
   * A merged import's new audio (all its media files on one timeline): the record's audio columns and masks are
   * replaced and the file committed under its key; the previous file goes when its key differs.
   */
  async replaceAudio(orgId: string, recordId: string, file: ReceivedFile, masks: AudioMask[]): Promise<void> {
    try {
      const audio = await inspectAudio(file.localPath, file.sizeBytes, file.head);
      const key = recordStorageKey(orgId, recordId, audio.format);
      const previous = await this.database.transaction(async (manager) => {
        const record = await this.records.findForUpdate(orgId, recordId, manager);
        if (!record) throw recordNotFound();
        await this.records.update(
          orgId,
          recordId,
          {
            storageKey: key,
            sizeBytes: audio.sizeBytes,
            format: audio.format,
            codec: audio.codec,
            sampleRate: audio.sampleRate,
            channels: audio.channels,
            duration: audio.duration,
            masks,
          },
          manager,
        );
        await this.storage.commit(file.tempKey, key);
        return record.storageKey;
      });
      if (previous && previous !== key) await this.storage.delete(previous).catch(() => undefined);
    } catch (error) {
      await this.storage.discardTemp(file.tempKey).catch(() => undefined);
      throw error;
    }
  }

  /** The record as stored, whoever may see it (the ingest worker resuming a download). */
  find(orgId: string, id: string): Promise<RecordEntity | null> {
    return this.records.findOne(orgId, id);
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
