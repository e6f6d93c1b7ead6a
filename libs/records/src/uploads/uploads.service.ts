import { Inject, Injectable } from '@nestjs/common';
import Busboy from 'busboy';
import type { IncomingMessage } from 'node:http';
import { AppConfig, AppError, forbidden, isIdOf, newId, TenantContext, validationFailed } from '@app/core';
import { inspectAudio } from '../audio/inspect-audio';
import { MAX_METADATA_BYTES, parseUploadDetails } from '../dto/parse-upload-details';
import { UploadDetailsDto } from '../dto/record-details.dto';
import { RecordExtensions } from '../record-extensions';
import { RecordEntity } from '../record.entity';
import { payloadTooLarge, unsupportedMedia } from '../records.errors';
import { ArrivedAudio, RecordIntakeService } from '../intake/record-intake.service';
import { signedUploadKey, STORAGE_DRIVER, StorageDriver } from '../storage/storage-driver';
import { CreateUploadDto, SignedUploadQuery } from './dto/create-upload.dto';
import { ReceivedFile, receiveToTemp } from './receive-to-temp';
import { bucketUploadMetadata, signedMetaHeaders, UploadSigner } from './upload-signer';

/** Content types a two-step upload may declare; the bytes are still judged by their content when they land. */
export const UPLOAD_CONTENT_TYPES = new Set([
  'audio/wav',
  'audio/x-wav',
  'audio/wave',
  'audio/vnd.wave',
  'audio/mpeg',
  'audio/mp3',
  'audio/ogg',
  'application/ogg',
  'audio/flac',
  'audio/x-flac',
  'audio/mp4',
  'audio/m4a',
  'audio/x-m4a',
]);

/** Multipart overhead allowed on top of the file itself before Content-Length alone proves it too large. */
const MULTIPART_SLACK_BYTES = 1024 * 1024;

/** A transcript file sent with a call is read into memory to parse, so it is bounded (a day of talk fits). */
export const MAX_SUPPLIED_TRANSCRIPT_BYTES = 2 * 1024 * 1024;

/** Collects a small text part, refusing it past `limitBytes` (PAYLOAD_TOO_LARGE naming the part). */
function readSmallText(stream: NodeJS.ReadableStream, limitBytes: number, field: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        stream.removeAllListeners('data');
        stream.resume();
        reject(
          new AppError('PAYLOAD_TOO_LARGE', `${field} is larger than ${limitBytes} bytes`, [
            { field, message: `at most ${limitBytes} bytes` },
          ]),
        );
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

export const createdRecordView = (record: RecordEntity) => ({
  id: record.id,
  /** AICA's name for processingStatus. */
  status: record.processingStatus,
  processingStatus: record.processingStatus,
  processingStage: record.processingStage,
  projectId: record.projectId,
  createdAt: record.createdAt.toISOString(),
});

/** Details and the identity of the uploader, checked before any audio arrives. */
export interface UploadIntent {
  orgId: string;
  projectId: string;
  ownerId: string | null;
  details: UploadDetailsDto;
}

@Injectable()
export class UploadsService {
  constructor(
    private readonly config: AppConfig,
    private readonly records: RecordIntakeService,
    private readonly signer: UploadSigner,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly extensions: RecordExtensions,
  ) {}

  /** Checks the project, the details and who may own the record; a bad one is refused before audio is kept. */
  async intent(ctx: TenantContext, projectId: unknown, metadata: unknown): Promise<UploadIntent> {
    if (projectId === undefined || projectId === '')
      throw validationFailed('projectId is required', [
        { field: 'projectId', message: 'projectId is required' },
      ]);
    if (!isIdOf('prj', projectId))
      throw validationFailed('projectId must be a project id', [
        { field: 'projectId', message: 'projectId must be a project id' },
      ]);
    const details = await parseUploadDetails(metadata);
    const ownerId = this.records.resolveOwner(ctx, details.ownerId);
    await this.records.assertProject(ctx.orgId, projectId);
    return { orgId: ctx.orgId, projectId, ownerId, details };
  }

  /** A received temporary file judged by its bytes and turned into a record; on any refusal the file goes. */
  async admit(
    intent: UploadIntent,
    file: ReceivedFile,
    source: string,
    reservedRecordId?: string,
    imported: Pick<ArrivedAudio, 'masks' | 'media' | 'suppliedTranscript'> = {},
  ) {
    try {
      const audio = await inspectAudio(file.localPath, file.sizeBytes, file.head);
      return await this.records.createFromUpload({
        ...intent,
        ...imported,
        source,
        tempKey: file.tempKey,
        audio,
        reservedRecordId,
      });
    } catch (error) {
      await this.storage.discardTemp(file.tempKey).catch(() => undefined);
      throw error;
    }
  }

  // --- POST /records/upload ------------------------------------------------------------------

  /**
   * multipart/form-data with `file`, `projectId`, `metadata` and an optional `transcript` (a WebVTT, SRT or JSON
   * utterances file or field: the call then skips recognition); the audio streams straight to storage.
   */
  async receiveMultipart(ctx: TenantContext, request: IncomingMessage): Promise<RecordEntity> {
    if (!/^multipart\/form-data/i.test(request.headers['content-type'] ?? ''))
      throw unsupportedMedia('POST /records/upload takes multipart/form-data');
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (declared > this.config.MAX_UPLOAD_BYTES + MULTIPART_SLACK_BYTES)
      throw payloadTooLarge(this.config.MAX_UPLOAD_BYTES);
    const { fields, file, transcript } = await this.parseMultipart(request);
    try {
      if (!file) throw validationFailed('file is required', [{ field: 'file', message: 'file is required' }]);
      const intent = await this.intent(ctx, fields.projectId, fields.metadata);
      const suppliedTranscript = this.suppliedTranscript(transcript ?? fields.transcript);
      return await this.admit(intent, file, 'upload', undefined, { suppliedTranscript });
    } catch (error) {
      if (file) await this.storage.discardTemp(file.tempKey).catch(() => undefined);
      throw error;
    }
  }

  /** Parses a transcript sent with a call (upload or import) through the transcribes context's parser. */
  suppliedTranscript(text: string | undefined): ArrivedAudio['suppliedTranscript'] {
    if (text === undefined) return undefined;
    const handler = this.extensions.transcripts;
    if (!handler)
      throw validationFailed('This server does not accept transcripts with uploads', [
        { field: 'transcript', message: 'not supported' },
      ]);
    return handler.parse(text);
  }

  private parseMultipart(
    request: IncomingMessage,
  ): Promise<{ fields: Record<string, string>; file?: ReceivedFile; transcript?: string }> {
    return new Promise((resolve, reject) => {
      let busboy: Busboy.Busboy;
      try {
        busboy = Busboy({
          headers: request.headers,
          // two files: the audio and an optional transcript
          limits: { files: 2, fields: 10, parts: 12, fieldSize: MAX_METADATA_BYTES + 1 },
        });
      } catch {
        reject(validationFailed('Malformed multipart/form-data request'));
        return;
      }
      const fields: Record<string, string> = {};
      let receiving: Promise<ReceivedFile> | undefined;
      let transcript: Promise<string> | undefined;
      let settled = false;
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        request.unpipe(busboy);
        // Let the rest of the body drain unread so the error response reaches the client.
        request.resume();
        void receiving?.then((file) => this.storage.discardTemp(file.tempKey)).catch(() => undefined);
        reject(error);
      };
      busboy.on('field', (name, value, info) => {
        if (info.valueTruncated)
          return fail(validationFailed(`${name} is too long`, [{ field: name, message: 'too long' }]));
        fields[name] = value;
      });
      busboy.on('file', (name, stream) => {
        if (name === 'transcript' && !transcript) {
          transcript = readSmallText(stream, MAX_SUPPLIED_TRANSCRIPT_BYTES, 'transcript');
          transcript.catch(fail);
          return;
        }
        if (name === 'file' && receiving) return fail(validationFailed('Send one file per upload'));
        if (name !== 'file' || receiving) {
          stream.resume();
          return;
        }
        receiving = receiveToTemp(this.storage, stream, this.config.MAX_UPLOAD_BYTES);
        receiving.catch(fail);
      });
      busboy.on('filesLimit', () => fail(validationFailed('Send one file per upload')));
      busboy.on('error', () => fail(validationFailed('Malformed multipart/form-data request')));
      busboy.on('close', () => {
        if (settled) return;
        Promise.all([receiving, transcript]).then(
          ([file, text]) => {
            if (settled) {
              if (file) void this.storage.discardTemp(file.tempKey).catch(() => undefined);
              return;
            }
            settled = true;
            resolve({ fields, file, transcript: text });
          },
          (error: unknown) => fail(error),
        );
      });
      request.on('aborted', () => fail(validationFailed('The upload was interrupted')));
      request.pipe(busboy);
    });
  }

  // --- two-step signed upload ----------------------------------------------------------------

  async createSignedUpload(ctx: TenantContext, dto: CreateUploadDto) {
    const contentType = dto.contentType.toLowerCase();
    if (!UPLOAD_CONTENT_TYPES.has(contentType))
      throw unsupportedMedia('contentType must be a WAV, MP3, OGG, FLAC or M4A audio type');
    if (dto.sizeBytes > this.config.MAX_UPLOAD_BYTES) throw payloadTooLarge(this.config.MAX_UPLOAD_BYTES);
    const intent = await this.intent(ctx, dto.projectId, dto.metadata ?? {});
    const uploadId = newId('upl');
    const record = await this.records.reserve({ ...intent, source: 'signed-upload', uploadId });
    const expires = Math.floor(Date.now() / 1000) + this.config.UPLOAD_URL_TTL_SECONDS;
    const claims = {
      orgId: ctx.orgId,
      recordId: record.id,
      uploadId,
      sizeBytes: dto.sizeBytes,
      contentType,
      contentMd5: dto.contentMd5 ?? '',
      expires,
    };
    const completeUrl = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/api/v1/records/${record.id}/upload-complete`;
    const expiresAt = new Date(expires * 1000).toISOString();
    if (this.storage.presignPut) {
      // Straight to the bucket: the store itself checks the signature, the headers it binds and the MD5.
      const presigned = await this.storage.presignPut(signedUploadKey(ctx.orgId, record.id), {
        contentType,
        contentLength: dto.sizeBytes,
        contentMd5: dto.contentMd5,
        metadata: bucketUploadMetadata(claims),
        expiresInSeconds: this.config.UPLOAD_URL_TTL_SECONDS,
      });
      return {
        recordId: record.id,
        uploadId,
        uploadUrl: presigned.url,
        method: 'PUT' as const,
        headers: presigned.headers,
        completeUrl,
        expiresAt,
      };
    }
    const signature = this.signer.sign(claims);
    const query = new URLSearchParams({
      org: ctx.orgId,
      record: record.id,
      size: String(dto.sizeBytes),
      expires: String(expires),
      signature,
    });
    return {
      recordId: record.id,
      uploadId,
      uploadUrl: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/api/v1/uploads/${uploadId}?${query.toString()}`,
      method: 'PUT' as const,
      // Exactly what the PUT must send: each is bound into the signature.
      headers: {
        'Content-Type': contentType,
        ...(dto.contentMd5 ? { 'Content-MD5': dto.contentMd5 } : {}),
        ...signedMetaHeaders(claims),
      },
      completeUrl,
      expiresAt,
    };
  }

  /** The PUT of a signed URL: valid signature, not expired, not used, exactly the declared bytes. */
  async receiveSigned(uploadId: string, query: SignedUploadQuery, request: IncomingMessage) {
    const header = (name: string) => {
      const value = request.headers[name];
      return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
    };
    const contentType = header('content-type').split(';')[0].trim().toLowerCase();
    const claims = {
      orgId: query.org,
      recordId: query.record,
      uploadId,
      sizeBytes: query.size,
      contentType,
      contentMd5: header('content-md5'),
      expires: query.expires,
    };
    const metaChanged = Object.entries(signedMetaHeaders(claims)).some(
      ([name, value]) => header(name) !== value,
    );
    if (metaChanged || !this.signer.verify(claims, query.signature))
      throw forbidden(
        'The upload URL is not valid (signature, or a header it binds — Content-Type, Content-MD5, x-amz-meta-* — does not match)',
      );
    if (query.expires * 1000 < Date.now()) throw forbidden('The upload URL has expired');
    const reserved = await this.records.findByUploadId(query.org, uploadId);
    if (!reserved || reserved.id !== query.record || reserved.processingStage !== 'uploading')
      throw forbidden('The upload URL has already been used');
    const declared = Number(request.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared !== query.size)
      throw validationFailed(`The body must be exactly ${query.size} bytes`);
    const file = await receiveToTemp(this.storage, request, query.size);
    if (file.sizeBytes !== query.size) {
      await this.storage.discardTemp(file.tempKey);
      throw validationFailed(`The body must be exactly ${query.size} bytes`);
    }
    if (claims.contentMd5 && file.md5Base64 !== claims.contentMd5) {
      await this.storage.discardTemp(file.tempKey);
      throw validationFailed('The body does not match its Content-MD5 (BadDigest)');
    }
    const intent: UploadIntent = {
      orgId: reserved.orgId,
      projectId: reserved.projectId,
      ownerId: reserved.ownerId,
      details: new UploadDetailsDto(),
    };
    try {
      return await this.admit(intent, file, 'signed-upload', reserved.id);
    } catch (error) {
      if ((error as { code?: string }).code === 'CONFLICT')
        throw forbidden('The upload URL has already been used');
      throw error;
    }
  }
}
