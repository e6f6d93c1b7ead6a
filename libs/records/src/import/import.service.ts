import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, AppError, ownerFilterFor, TenantContext, validationFailed } from '@app/core';
import { fetchToTemp, PermanentFetchError } from '../ingest/fetch-to-temp';
import { AudioMask, Direction } from '../record.entity';
import { recordNotFound } from '../records.errors';
import { RecordIntakeService } from '../intake/record-intake.service';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';
import { ReceivedFile } from '../uploads/receive-to-temp';
import { UploadsService } from '../uploads/uploads.service';
import { ImportRecordDto, MediaFileDto } from './dto/import-record.dto';
import { copyLocalMedia } from './import-media';

export const IMPORT_SOURCE = 'import';
export const importExternalId = (id: string) => `genesys:${id}`;

const DIRECTION_BY_CALL_TYPE: Record<string, Direction> = {
  inbound: 'IN',
  outbound: 'OUT',
  internal: 'INTERNAL',
};

const isAudio = (media: MediaFileDto) => !media.type || /audio|call|recording/i.test(media.type);

/** Seconds from the media's start: ISO times are taken relative to it, numbers are seconds already. */
function offsetSeconds(value: string, mediaStart?: string): number {
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  if (!mediaStart || /^\d+(\.\d+)?$/.test(mediaStart)) return NaN;
  return (Date.parse(value) - Date.parse(mediaStart)) / 1000;
}

export function masksOf(media: MediaFileDto): AudioMask[] {
  return (media.masks ?? [])
    .map((mask) => ({
      startTime: offsetSeconds(mask.startTime, media.startTime),
      endTime: offsetSeconds(mask.stopTime, media.startTime),
    }))
    .filter(
      (mask) =>
        Number.isFinite(mask.startTime) && Number.isFinite(mask.endTime) && mask.endTime > mask.startTime,
    );
}

const descriptorOf = (media: MediaFileDto): Record<string, unknown> => ({
  mediaId: media.mediaId,
  type: media.type ?? null,
  startTime: media.startTime ?? null,
  stopTime: media.stopTime ?? null,
  storage: media.mediaDescriptor.storage,
  path: media.mediaDescriptor.path,
  masks: media.masks ?? [],
  parameters: media.parameters ?? {},
});

/**
 * Genesys-style imports: a call whose media already sits somewhere (a webDAV URL or a folder under IMPORT_ROOT)
 * becomes a record through the same creation path as uploads. The same `id` again merges new media files into it.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly config: AppConfig,
    private readonly records: RecordIntakeService,
    private readonly uploads: UploadsService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async importCall(
    ctx: TenantContext,
    dto: ImportRecordDto,
  ): Promise<{ recordId: string; created: boolean }> {
    const externalId = importExternalId(dto.id);
    const existing = await this.records.findByExternalId(ctx.orgId, IMPORT_SOURCE, externalId);
    if (existing) {
      const owner = ownerFilterFor(ctx);
      if (owner && existing.ownerId !== owner) throw recordNotFound();
      const known = new Set(existing.media.map((media) => media.mediaId));
      const added = dto.mediaFiles.filter((media) => !known.has(media.mediaId));
      const events = [...((existing.metadata.eventHistory as unknown[]) ?? []), ...(dto.eventHistory ?? [])];
      await this.records.mergeImported(ctx.orgId, existing.id, {
        media: [...existing.media, ...added.map(descriptorOf)],
        metadata: { ...existing.metadata, eventHistory: events },
      });
      return { recordId: existing.id, created: false };
    }

    const index = dto.mediaFiles.findIndex(isAudio);
    if (index < 0)
      throw validationFailed('mediaFiles must hold an audio file', [
        { field: 'mediaFiles', message: 'mediaFiles must hold an audio file' },
      ]);
    const audioMedia = dto.mediaFiles[index];
    const direction = DIRECTION_BY_CALL_TYPE[(dto.callType ?? '').toLowerCase()];
    const customerPhone = direction === 'OUT' ? dto.dialedPhoneNumber : dto.callerPhoneNumber;
    const date = this.callDate(dto, audioMedia);
    const intent = await this.uploads.intent(ctx, dto.projectId, {
      direction,
      from: dto.callerPhoneNumber ? { phoneNumber: dto.callerPhoneNumber } : undefined,
      to: dto.dialedPhoneNumber ? { phoneNumber: dto.dialedPhoneNumber } : undefined,
      customerPhone,
      date,
      externalId,
      metadata: {
        genesysId: dto.id,
        region: dto.region,
        callType: dto.callType,
        eventHistory: dto.eventHistory ?? [],
      },
    });
    // Parsed (and refused with a 400) before any media is fetched.
    const suppliedTranscript = this.uploads.suppliedTranscript(
      dto.transcript === undefined || typeof dto.transcript === 'string'
        ? dto.transcript
        : JSON.stringify(dto.transcript),
    );
    const file = await this.fetchMedia(audioMedia, `mediaFiles.${index}.mediaDescriptor.path`);
    try {
      const record = await this.uploads.admit(intent, file, IMPORT_SOURCE, undefined, {
        masks: masksOf(audioMedia),
        media: dto.mediaFiles.map(descriptorOf),
        suppliedTranscript,
      });
      return { recordId: record.id, created: true };
    } catch (error) {
      // Two imports of the same id at once: the second merges into the first.
      if (error instanceof AppError && error.code === 'CONFLICT') return this.importCall(ctx, dto);
      throw error;
    }
  }

  private callDate(dto: ImportRecordDto, media: MediaFileDto): string | undefined {
    const times = [media.startTime, ...(dto.eventHistory ?? []).map((event) => event.occurredAt)]
      .filter((value): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value)))
      .map((value) => Date.parse(value));
    return times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
  }

  private async fetchMedia(media: MediaFileDto, field: string): Promise<ReceivedFile> {
    const { storage, path } = media.mediaDescriptor;
    if (storage === 'local') {
      if (!this.config.IMPORT_ROOT)
        throw validationFailed('Local media imports are not configured (IMPORT_ROOT)', [
          { field, message: 'local media imports are not configured' },
        ]);
      return copyLocalMedia(this.storage, this.config.IMPORT_ROOT, path, this.config.MAX_UPLOAD_BYTES, field);
    }
    try {
      return await fetchToTemp(this.storage, path, {
        allowPrivateNetworks: this.config.INGEST_ALLOW_PRIVATE_NETWORKS,
        maxRedirects: this.config.INGEST_MAX_REDIRECTS,
        maxBytes: this.config.MAX_UPLOAD_BYTES,
        timeoutMs: this.config.INGEST_TIMEOUT_SECONDS * 1000,
      });
    } catch (error) {
      if (error instanceof PermanentFetchError)
        throw validationFailed(error.message, [{ field, message: error.message }]);
      throw error;
    }
  }
}
