import { Inject, Injectable, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import {
  AppConfig,
  AppError,
  conflict,
  ownerFilterFor,
  resolveSafeTarget,
  SsrfRefusedError,
  TenantContext,
  validationFailed,
} from '@app/core';
import { RecordLifecycleService } from '../lifecycle/record-lifecycle.service';
import { inspectAudio } from '../audio/inspect-audio';
import { IngestRecordDto } from '../dto/ingest-record.dto';
import { UploadDetailsDto } from '../dto/record-details.dto';
import { RecordEntity } from '../record.entity';
import { RecordIntakeService } from '../intake/record-intake.service';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';
import { UploadsService } from '../uploads/uploads.service';
import { fetchToTemp, PermanentFetchError } from './fetch-to-temp';

export const DEFAULT_INGEST_SOURCE = 'ingest';

/** True for a failure retrying cannot fix: a refused or missing URL, a 4xx, bytes that are not audio. */
export const isPermanentIngestError = (error: unknown) =>
  error instanceof PermanentFetchError || (error instanceof AppError && error.status < 500);

/**
 * URL ingest: the request reserves a record and queues a job; the worker pulls the audio under the SSRF rules and
 * hands it to the same record creation as every upload. Idempotent on (source, externalId).
 */
@Injectable()
export class IngestService {
  private readonly logger = new Logger(IngestService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly records: RecordIntakeService,
    private readonly uploads: UploadsService,
    private readonly lifecycle: RecordLifecycleService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  /** The record for this pull: the first one with the same (source, externalId), or a new one queued. */
  async accept(
    ctx: TenantContext,
    dto: IngestRecordDto,
  ): Promise<{ record: RecordEntity; created: boolean }> {
    const source = dto.source ?? DEFAULT_INGEST_SOURCE;
    const externalId = dto.externalId ?? (dto.metadata?.externalId as string | undefined);
    if (externalId) {
      const existing = await this.existing(ctx, source, externalId);
      if (existing) return { record: existing, created: false };
    }
    await this.assertReachable(dto.audioUrl);
    const intent = await this.uploads.intent(ctx, dto.projectId, { ...(dto.metadata ?? {}), externalId });
    let record: RecordEntity;
    try {
      record = await this.records.reserve({ ...intent, source, sourceUrl: dto.audioUrl });
    } catch (error) {
      // Two identical pulls at once: the loser answers with the winner's record.
      const winner = externalId ? await this.existing(ctx, source, externalId) : null;
      if (winner && (error instanceof QueryFailedError || (error as AppError).code === 'CONFLICT'))
        return { record: winner, created: false };
      throw error;
    }
    // Committed as `uploading` with its source URL: the lifecycle queues the download (the sweep, if Redis is out).
    await this.lifecycle.continue(record);
    return { record, created: true };
  }

  /** The worker's part: download, judge, create. Returns 'skipped' for a record no longer waiting for audio. */
  async run(orgId: string, recordId: string): Promise<'ingested' | 'skipped'> {
    const record = await this.records.find(orgId, recordId);
    if (
      !record ||
      record.processingStage !== 'uploading' ||
      record.processingStatus === 'failed' ||
      !record.sourceUrl
    )
      return 'skipped';
    const file = await fetchToTemp(this.storage, record.sourceUrl, {
      allowPrivateNetworks: this.config.INGEST_ALLOW_PRIVATE_NETWORKS,
      maxRedirects: this.config.INGEST_MAX_REDIRECTS,
      maxBytes: this.config.MAX_UPLOAD_BYTES,
      timeoutMs: this.config.INGEST_TIMEOUT_SECONDS * 1000,
    });
    try {
      const audio = await inspectAudio(file.localPath, file.sizeBytes, file.head);
      await this.records.createFromUpload({
        orgId,
        projectId: record.projectId,
        ownerId: record.ownerId,
        source: record.source,
        details: new UploadDetailsDto(),
        tempKey: file.tempKey,
        audio,
        reservedRecordId: record.id,
      });
    } catch (error) {
      await this.storage.discardTemp(file.tempKey).catch(() => undefined);
      throw error;
    }
    return 'ingested';
  }

  /** After the last attempt (or a permanent error) the record is failed with a reason a person can read. */
  async fail(orgId: string, recordId: string, reason: string): Promise<void> {
    this.logger.warn(`Ingest of ${recordId} failed: ${reason}`);
    await this.records.failReserved(orgId, recordId, 'ingest', reason.slice(0, 500));
  }

  private async existing(ctx: TenantContext, source: string, externalId: string) {
    const found = await this.records.findByExternalId(ctx.orgId, source, externalId);
    if (!found) return null;
    const owner = ownerFilterFor(ctx);
    if (owner && found.ownerId !== owner)
      throw conflict('A record with this source and externalId already exists');
    return found;
  }

  /** The same SSRF rules the worker applies, checked up front so an obviously refused URL is a 400 at once. */
  private async assertReachable(audioUrl: string): Promise<void> {
    try {
      await resolveSafeTarget(audioUrl, this.config.INGEST_ALLOW_PRIVATE_NETWORKS);
    } catch (error) {
      if (error instanceof SsrfRefusedError)
        throw validationFailed(error.message.replace(/^url/, 'audioUrl'), [
          { field: 'audioUrl', message: error.message.replace(/^url/, 'audioUrl') },
        ]);
      throw error;
    }
  }
}
