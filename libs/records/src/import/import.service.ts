import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, AppError, ownerFilterFor, TenantContext, validationFailed } from '@app/core';
import { fetchToTemp, PermanentFetchError } from '../ingest/fetch-to-temp';
import { JobName, JobsService } from '@app/queue';
import { Direction, RecordEntity } from '../record.entity';
import { RecordLifecycleService } from '../lifecycle/record-lifecycle.service';
import { recordNotFound } from '../records.errors';
import { RecordIntakeService } from '../intake/record-intake.service';
import { STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';
import { ReceivedFile } from '../uploads/receive-to-temp';
import { UploadsService } from '../uploads/uploads.service';
import { CallMediaFile, gatherCallAudio, isAudioMedia } from './call-media';
import { ImportRecordDto, MediaFileDto } from './dto/import-record.dto';
import { parseCallTime } from './media-timeline';
import { copyLocalMedia } from './import-media';

export const IMPORT_SOURCE = 'import';
export const importExternalId = (id: string) => `genesys:${id}`;

const DIRECTION_BY_CALL_TYPE: Record<string, Direction> = {
  inbound: 'IN',
  outbound: 'OUT',
  internal: 'INTERNAL',
};

const EVENT_TYPES = ['Joined', 'Left', 'Data'];

/**
 * The event history as the Genesys document defines it: `occurredAt` and `event` (Joined, Left or Data) always;
 * Joined and Left name a `contact` (`type` User or External, a `phoneNumber`, and a `userName` for a User); Data
 * carries an `eventId` and its `data`. A bad event is a 400 naming it.
 */
export function checkEventHistory(events: Array<Record<string, unknown>>): void {
  events.forEach((event, index) => {
    const at = `eventHistory[${index}]`;
    const fail = (field: string, message: string) => {
      throw validationFailed(`${at}.${field} ${message}`, [{ field: `${at}.${field}`, message }]);
    };
    if (typeof event.occurredAt !== 'string' || !Number.isFinite(parseCallTime(event.occurredAt)))
      fail('occurredAt', 'must be an ISO 8601 time');
    if (!EVENT_TYPES.includes(event.event as string)) fail('event', 'must be Joined, Left or Data');
    if (event.event === 'Data') {
      if (typeof event.eventId !== 'string' || !event.eventId)
        fail('eventId', 'is required for a Data event');
      if (typeof event.data !== 'object' || event.data === null) fail('data', 'is required for a Data event');
      return;
    }
    const contact = event.contact as Record<string, unknown> | undefined;
    if (typeof contact !== 'object' || contact === null)
      return fail('contact', `is required for a ${String(event.event)} event`);
    if (contact.type !== 'User' && contact.type !== 'External')
      fail('contact.type', 'must be User or External');
    if (typeof contact.phoneNumber !== 'string') fail('contact.phoneNumber', 'is required');
    if (contact.type === 'User' && typeof contact.userName !== 'string')
      fail('contact.userName', 'is required for a User');
  });
}

/** What a record keeps of each media file: enough to fetch them all again when a merge adds one. */
const descriptorOf = (media: MediaFileDto): StoredMedia => ({
  mediaId: media.mediaId,
  type: media.type ?? null,
  startTime: media.startTime ?? null,
  stopTime: media.stopTime ?? null,
  storage: media.mediaDescriptor.storage,
  path: media.mediaDescriptor.path,
  masks: media.masks ?? [],
  parameters: media.parameters ?? {},
});

type StoredMedia = CallMediaFile & {
  storage: string;
  path: string;
  parameters: Record<string, unknown>;
  allowedPrivateHosts?: string[];
};

/** How an import may fetch and whom it may name (the Genesys adapter's contact-center settings). */
export interface ImportOptions {
  /** Private hosts this import's media may come from (a contact center's WebDAV storage). */
  allowedPrivateHosts?: string[];
  /** The Parley user a recording system's agent username stands for, if any. */
  ownerByUsername?: (username: string) => Promise<string | null>;
}

/** The agent the recording system names: a `Joined` user of the event history, else a media file's username. */
function agentOf(dto: ImportRecordDto): { name?: string; username?: string } {
  const joined = (dto.eventHistory ?? []).find(
    (event) => event.event === 'Joined' && (event.contact as { type?: string } | undefined)?.type === 'User',
  )?.contact as { userName?: string; firstName?: string; lastName?: string } | undefined;
  const username =
    joined?.userName ??
    dto.mediaFiles
      .map((media) => media.parameters?.username)
      .find((name): name is string => typeof name === 'string');
  const name = [joined?.firstName, joined?.lastName].filter(Boolean).join(' ') || joined?.userName;
  return { name: name || undefined, username };
}

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
    private readonly jobs: JobsService,
    private readonly lifecycle: RecordLifecycleService,
  ) {}

  async importCall(
    ctx: TenantContext,
    dto: ImportRecordDto,
    options: ImportOptions = {},
  ): Promise<{ recordId: string; created: boolean }> {
    checkEventHistory(dto.eventHistory ?? []);
    const externalId = importExternalId(dto.id);
    const existing = await this.records.findByExternalId(ctx.orgId, IMPORT_SOURCE, externalId);
    if (existing) return this.merge(ctx, existing, dto, options);

    if (!dto.mediaFiles.some(isAudioMedia))
      throw validationFailed('mediaFiles must hold an audio file', [
        { field: 'mediaFiles', message: 'mediaFiles must hold an audio file' },
      ]);
    const direction = DIRECTION_BY_CALL_TYPE[(dto.callType ?? '').toLowerCase()];
    const customerPhone = direction === 'OUT' ? dto.dialedPhoneNumber : dto.callerPhoneNumber;
    const agent = agentOf(dto);
    const ownerId =
      agent.username && options.ownerByUsername ? await options.ownerByUsername(agent.username) : null;
    const intent = await this.uploads.intent(ctx, dto.projectId, {
      direction,
      from: dto.callerPhoneNumber ? { phoneNumber: dto.callerPhoneNumber } : undefined,
      to: dto.dialedPhoneNumber ? { phoneNumber: dto.dialedPhoneNumber } : undefined,
      customerPhone,
      agentName: agent.name,
      date: this.callDate(dto),
      externalId,
      metadata: {
        genesysId: dto.id,
        region: dto.region,
        callType: dto.callType,
        eventHistory: dto.eventHistory ?? [],
      },
    });
    if (ownerId) intent.ownerId = ownerId;
    // Parsed (and refused with a 400) before any media is fetched.
    const suppliedTranscript = this.uploads.suppliedTranscript(
      dto.transcript === undefined || typeof dto.transcript === 'string'
        ? dto.transcript
        : JSON.stringify(dto.transcript),
    );
    const media = dto.mediaFiles.map(descriptorOf);
    const { file, masks } = await this.gather(media, options.allowedPrivateHosts ?? []);
    try {
      const record = await this.uploads.admit(intent, file, IMPORT_SOURCE, undefined, {
        masks,
        media: media.map((entry) => ({ ...entry, allowedPrivateHosts: options.allowedPrivateHosts ?? [] })),
        suppliedTranscript,
      });
      return { recordId: record.id, created: true };
    } catch (error) {
      // Two imports of the same id at once: the second merges into the first.
      if (error instanceof AppError && error.code === 'CONFLICT') return this.importCall(ctx, dto, options);
      throw error;
    }
  }

  /**
   * The same id again: new media files and events are added to the record; when media was added, the worker joins
   * all of the call's files into one timeline again and runs the call again from transcription (MergeImportedMedia).
   */
  private async merge(
    ctx: TenantContext,
    existing: RecordEntity,
    dto: ImportRecordDto,
    options: ImportOptions,
  ): Promise<{ recordId: string; created: boolean }> {
    const owner = ownerFilterFor(ctx);
    if (owner && existing.ownerId !== owner) throw recordNotFound();
    const known = new Set(existing.media.map((media) => media.mediaId));
    const added = dto.mediaFiles.filter((media) => !known.has(media.mediaId)).map(descriptorOf);
    const events = [...((existing.metadata.eventHistory as unknown[]) ?? []), ...(dto.eventHistory ?? [])];
    const media = [
      ...existing.media,
      ...added.map((entry) => ({ ...entry, allowedPrivateHosts: options.allowedPrivateHosts ?? [] })),
    ];
    await this.records.mergeImported(ctx.orgId, existing.id, {
      media,
      metadata: { ...existing.metadata, eventHistory: events },
    });
    if (added.some(isAudioMedia))
      await this.jobs.enqueue({
        name: JobName.MergeImportedMedia,
        data: { orgId: ctx.orgId, recordId: existing.id, mediaCount: media.length },
      });
    return { recordId: existing.id, created: false };
  }

  /**
   * The worker's part of a merge: every media file of the record fetched again and joined into one timeline, the
   * record's audio and masks replaced, and the call run again from transcription. While the record is being
   * processed the restart is refused (409) and the job retries later.
   */
  async rebuildMerged(orgId: string, recordId: string): Promise<'rebuilt' | 'skipped'> {
    const record = await this.records.find(orgId, recordId);
    if (!record || record.source !== IMPORT_SOURCE) return 'skipped';
    const media = record.media as unknown as StoredMedia[];
    const hosts = [...new Set(media.flatMap((entry) => entry.allowedPrivateHosts ?? []))];
    const { file, masks } = await this.gather(media, hosts);
    await this.records.replaceAudio(orgId, recordId, file, masks);
    await this.lifecycle.restart(orgId, recordId, 'transcribing');
    return 'rebuilt';
  }

  private gather(media: StoredMedia[], allowedPrivateHosts: string[]) {
    return gatherCallAudio(
      this.storage,
      media,
      (entry, index) =>
        this.fetchMedia(
          entry as StoredMedia,
          `mediaFiles.${index}.mediaDescriptor.path`,
          allowedPrivateHosts,
        ),
      this.config.MAX_UPLOAD_BYTES,
    );
  }

  /** When the call began: its earliest media file or event. */
  private callDate(dto: ImportRecordDto): string | undefined {
    const times = [
      ...dto.mediaFiles.filter(isAudioMedia).map((media) => media.startTime),
      ...(dto.eventHistory ?? []).map((event) => event.occurredAt),
    ]
      .map((value) => (typeof value === 'string' ? parseCallTime(value) : NaN))
      .filter(Number.isFinite);
    return times.length > 0 ? new Date(Math.min(...times)).toISOString() : undefined;
  }

  private async fetchMedia(
    media: StoredMedia,
    field: string,
    allowedPrivateHosts: string[],
  ): Promise<ReceivedFile> {
    const { storage, path } = media;
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
        allowedPrivateHosts,
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
