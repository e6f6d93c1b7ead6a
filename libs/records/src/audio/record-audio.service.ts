import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { gone, TenantContext } from '@app/core';
import { AUDIO_CONTENT_TYPES, AudioFormat } from '@app/transcription';
import { visibleOrNotFound } from '../record-visibility';
import { RecordsRepository } from '../records.repository';
import { rangeNotSatisfiable, recordNotFound } from '../records.errors';
import {
  redactedAudioKey,
  recordStoragePrefix,
  STORAGE_DRIVER,
  StorageDriver,
} from '../storage/storage-driver';
import { parseRange } from './parse-range';

export interface AudioStream {
  stream: Readable;
  contentType: string;
  sizeBytes: number;
  range?: { start: number; end: number };
}

/** A record's stored audio: reading it (whole or a byte range, original or redacted), removing its files. */
@Injectable()
export class RecordAudioService {
  private readonly logger = new Logger(RecordAudioService.name);

  constructor(
    private readonly records: RecordsRepository,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  /** The original audio (or its redacted copy), whole or one byte range. */
  async openAudio(
    ctx: TenantContext,
    id: string,
    rangeHeader?: string,
    redacted = false,
  ): Promise<AudioStream> {
    const record = visibleOrNotFound(await this.records.findOne(ctx.orgId, id), ctx);
    if (record.audioDeletedAt)
      throw gone(`The audio was removed on ${record.audioDeletedAt.toISOString()} under a retention policy`);
    if (!record.storageKey || !record.format) throw recordNotFound();
    let key = redacted ? redactedAudioKey(record) : record.storageKey;
    let info = await this.storage.stat(key);
    // Redaction that found nothing to silence writes no copy: the original is then what the redacted audio is.
    const redactionDone = ['ok', 'skipped'].includes(record.features?.redaction?.status ?? '');
    if (!info && redacted && redactionDone) {
      key = record.storageKey;
      info = await this.storage.stat(key);
    }
    if (!info) throw recordNotFound();
    const contentType = AUDIO_CONTENT_TYPES[record.format as AudioFormat] ?? 'application/octet-stream';
    const range = parseRange(rangeHeader, info.sizeBytes);
    if (range === 'unsatisfiable') throw rangeNotSatisfiable(info.sizeBytes);
    const stream = await this.storage.openRead(key, range ?? undefined);
    return { stream, contentType, sizeBytes: info.sizeBytes, range: range ?? undefined };
  }

  async removeRecordFiles(orgId: string, ids: string[]): Promise<void> {
    for (const id of ids)
      await this.storage
        .deletePrefix(recordStoragePrefix(orgId, id))
        .catch((error: Error) => this.logger.warn(`Could not remove the files of ${id}: ${error.message}`));
  }
}
