import { Inject, Injectable, Logger } from '@nestjs/common';
import { AppConfig, AppError, conflict, forbidden, TenantContext, validationFailed } from '@app/core';
import { MAGIC_BYTES } from '../audio/detect-format';
import { inspectAudio } from '../audio/inspect-audio';
import { UploadDetailsDto } from '../dto/record-details.dto';
import { RecordIntakeService } from '../intake/record-intake.service';
import { RecordEntity } from '../record.entity';
import { payloadTooLarge } from '../records.errors';
import { RecordsRepository } from '../records.repository';
import { RecordsService } from '../records.service';
import { signedUploadKey, STORAGE_DRIVER, StorageDriver, StoredObjectInfo } from '../storage/storage-driver';
import { reservationsExpiredBefore } from './abandoned-uploads.service';

/** Reservations looked at per poll; the next poll goes on. */
const POLL_BATCH = 200;

/**
 * Two-step uploads whose bytes were PUT straight to the bucket (STORAGE_DRIVER=s3). The API never sees that PUT, so
 * an upload lands when the client calls `POST /records/:id/upload-complete` or when the maintenance poll finds its
 * object (clients of the Imagicle flow never call anything after the PUT). Landing checks what the bucket holds —
 * the signed metadata, the declared MD5, the bytes being audio — and then makes the reserved record go on, once.
 */
@Injectable()
export class BucketUploadsService {
  private readonly logger = new Logger(BucketUploadsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly rows: RecordsRepository,
    private readonly records: RecordsService,
    private readonly intake: RecordIntakeService,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  /** Whether uploads go straight to the store (only then is there anything to poll). */
  get direct(): boolean {
    return this.storage.presignPut !== undefined;
  }

  /** The client's completion call: the record once its bytes have landed (again: the same record). */
  async complete(ctx: TenantContext, recordId: string): Promise<RecordEntity> {
    const record = await this.records.findVisible(ctx, recordId);
    if (record.processingStage !== 'uploading') return record;
    if (!record.uploadId) throw conflict('The record is not waiting for a two-step upload');
    const stored = this.direct ? await this.storage.stat(signedUploadKey(record.orgId, record.id)) : null;
    if (!stored) throw conflict('The upload has not arrived yet: PUT the bytes to uploadUrl first');
    return this.land(record, stored);
  }

  /** One poll: lands every reserved upload whose object is now in the bucket; answers how many landed. */
  async landPending(now = new Date()): Promise<{ landed: number }> {
    if (!this.direct) return { landed: 0 };
    const since = reservationsExpiredBefore(this.config.UPLOAD_URL_TTL_SECONDS, now);
    let landed = 0;
    for (const record of await this.rows.pendingSignedUploads(since, POLL_BATCH)) {
      const stored = await this.storage.stat(signedUploadKey(record.orgId, record.id));
      if (!stored) continue;
      try {
        await this.land(record, stored);
        landed += 1;
      } catch (error) {
        this.logger.warn(`Upload of record ${record.id} refused when it landed: ${(error as Error).message}`);
      }
    }
    return { landed };
  }

  private async land(record: RecordEntity, stored: StoredObjectInfo): Promise<RecordEntity> {
    const key = signedUploadKey(record.orgId, record.id);
    // A refused object is removed, so the client can PUT again while its URL is valid.
    const refuse = async (error: unknown): Promise<never> => {
      await this.storage.delete(key).catch(() => undefined);
      throw error;
    };
    const metadata = stored.metadata ?? {};
    if (metadata['parley-record'] !== record.id || metadata['parley-organization'] !== record.orgId)
      return refuse(forbidden('The stored upload does not carry the metadata its URL was signed with'));
    const declaredMd5 = metadata['parley-content-md5'];
    if (declaredMd5 && stored.md5Hex && Buffer.from(declaredMd5, 'base64').toString('hex') !== stored.md5Hex)
      return refuse(validationFailed('The body does not match its Content-MD5 (BadDigest)'));
    if (stored.sizeBytes > this.config.MAX_UPLOAD_BYTES)
      return refuse(payloadTooLarge(this.config.MAX_UPLOAD_BYTES));
    const audio = await this.storage
      .withProbeLocation(key, MAGIC_BYTES, (location, head) => inspectAudio(location, stored.sizeBytes, head))
      .catch((error: unknown) => (error instanceof AppError ? refuse(error) : Promise.reject(error)));
    try {
      return await this.intake.createFromUpload({
        orgId: record.orgId,
        projectId: record.projectId,
        ownerId: record.ownerId,
        source: record.source,
        details: new UploadDetailsDto(),
        tempKey: '',
        storedKey: key,
        audio,
        reservedRecordId: record.id,
      });
    } catch (error) {
      // Landed meanwhile by the other path (the poll or the completion call): the same record.
      if ((error as { code?: string }).code === 'CONFLICT')
        return this.rows.findOneOrFail(record.orgId, record.id, 'Record');
      throw error;
    }
  }
}
