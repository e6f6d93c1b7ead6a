import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, LocalTempArea } from './local-temp-area';
import {
  amzMetaHeaders,
  ByteRange,
  PresignedPut,
  PresignPutInput,
  StorageDriver,
  StoredObjectInfo,
  TempObject,
} from './storage-driver';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  endpoint?: string;
  /** The endpoint written into presigned URLs (clients may reach the bucket by another name than the servers). */
  publicEndpoint?: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle?: boolean;
  /** Ends in `/` or is empty. */
  keyPrefix: string;
  /** Local folder of the copies kept while a file is received or processed. */
  tempDirectory: string;
}

/** PutObject's limit; a larger file goes up as a multipart upload. */
const MAX_SINGLE_PUT_BYTES = 5 * 1024 ** 3;
/** Multipart part size and parallel parts: what one write holds in memory is about their product. */
const PART_SIZE = 16 * 1024 * 1024;
const PARTS_IN_FLIGHT = 3;

/**
 * Audio in an S3-compatible bucket. A file being received is written to a local temporary copy first (ffprobe must
 * judge it before it becomes a record); committing it is one streamed PUT of known length to the record's key (a
 * multipart upload past 5 GB), so the object appears whole or not at all and nothing half-written is ever in the
 * bucket. Reads stream from GetObject (a Range read is a ranged GET); tools that need a path get a downloaded copy
 * that is removed afterwards.
 */
export class S3StorageDriver implements StorageDriver {
  private readonly client: S3Client;
  private readonly presigner: S3Client;
  private readonly temp: LocalTempArea;

  constructor(private readonly options: S3StorageOptions) {
    const common = {
      region: options.region,
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      // Checksums only where S3 requires them: a presigned PUT must bind Content-MD5, not a CRC of no body.
      requestChecksumCalculation: 'WHEN_REQUIRED' as const,
      responseChecksumValidation: 'WHEN_REQUIRED' as const,
      ...(options.accessKeyId && options.secretAccessKey
        ? {
            credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
          }
        : {}),
    };
    this.client = new S3Client({ ...common, endpoint: options.endpoint });
    this.presigner = new S3Client({ ...common, endpoint: options.publicEndpoint ?? options.endpoint });
    this.temp = new LocalTempArea(options.tempDirectory);
  }

  get tempDirectory(): string {
    return this.temp.directory;
  }

  async checkReady(): Promise<void> {
    await mkdir(this.tempDirectory, { recursive: true });
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
    } catch (error) {
      const where = this.options.endpoint ? ` at ${this.options.endpoint}` : '';
      throw new Error(
        `S3 bucket "${this.options.bucket}"${where} cannot be used: ${describeS3Error(error)} ` +
          '(check S3_BUCKET, S3_ENDPOINT and the credentials)',
      );
    }
  }

  createTemp(): Promise<TempObject & { stream: Writable }> {
    return this.temp.create();
  }

  async commit(tempKey: string, key: string): Promise<void> {
    const localPath = this.tempPath(tempKey);
    const size = (await stat(localPath)).size;
    const target = { Bucket: this.options.bucket, Key: this.bucketKey(key) };
    if (size <= MAX_SINGLE_PUT_BYTES) {
      // One streamed PUT of known length: the object appears whole or not at all.
      await this.client.send(
        new PutObjectCommand({ ...target, Body: createReadStream(localPath), ContentLength: size }),
      );
    } else {
      await new Upload({
        client: this.client,
        params: { ...target, Body: createReadStream(localPath) },
        partSize: Math.max(PART_SIZE, Math.ceil(size / 9000)),
        queueSize: PARTS_IN_FLIGHT,
        leavePartsOnError: false,
      }).done();
    }
    await rm(localPath, { force: true });
  }

  discardTemp(tempKey: string): Promise<void> {
    return this.temp.discard(tempKey);
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable> {
    const answer = await this.client.send(
      new GetObjectCommand({
        Bucket: this.options.bucket,
        Key: this.bucketKey(key),
        Range: range ? `bytes=${range.start}-${range.end}` : undefined,
      }),
    );
    return answer.Body as Readable;
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.options.bucket, Key: this.bucketKey(key) }),
      );
      const etag = head.ETag?.replace(/"/g, '');
      return {
        sizeBytes: head.ContentLength ?? 0,
        // A multipart object's ETag is not an MD5 of its bytes (it carries a "-<parts>" suffix).
        md5Hex: etag && /^[0-9a-f]{32}$/i.test(etag) ? etag.toLowerCase() : undefined,
        metadata: head.Metadata ?? {},
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.deleteObject(this.bucketKey(key));
  }

  async deletePrefix(prefix: string): Promise<void> {
    const folder = `${this.bucketKey(prefix)}/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.options.bucket, Prefix: folder, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((item) => (item.Key ? [{ Key: item.Key }] : []));
      if (keys.length > 0)
        await this.client.send(
          new DeleteObjectsCommand({ Bucket: this.options.bucket, Delete: { Objects: keys, Quiet: true } }),
        );
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  tempPath(tempKey: string): string {
    return this.temp.pathOf(tempKey);
  }

  async withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T> {
    await mkdir(this.tempDirectory, { recursive: true });
    const path = this.temp.pathOf(this.temp.newKey('download', /\.[A-Za-z0-9]+$/.exec(key)?.[0]));
    try {
      await pipeline(await this.openRead(key), createWriteStream(path, { flags: 'wx' }));
      return await work(path);
    } finally {
      await rm(path, { force: true });
    }
  }

  /**
   * ffprobe reads the object over HTTP by ranges (a header, perhaps an index at the end) instead of a download of the
   * whole object: a 500 MB upload is judged in a fraction of a second. The URL is signed for the store's internal
   * endpoint and expires in five minutes.
   */
  async withProbeLocation<T>(
    key: string,
    headBytes: number,
    work: (location: string, head: Buffer) => Promise<T>,
  ): Promise<T> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.openRead(key, { start: 0, end: headBytes - 1 }))
      chunks.push(chunk as Buffer);
    const url = await getSignedUrl(
      this.client,
      new GetObjectCommand({ Bucket: this.options.bucket, Key: this.bucketKey(key) }),
      { expiresIn: 300 },
    );
    return work(url, Buffer.concat(chunks).subarray(0, headBytes));
  }

  async sweepTemp(cutoffMs: number): Promise<number> {
    let removed = await this.temp.sweep(cutoffMs);
    // Parts of a multipart upload (past 5 GB) a killed process never finished are stored, and billed, until aborted.
    const pending = await this.client
      .send(new ListMultipartUploadsCommand({ Bucket: this.options.bucket, Prefix: this.options.keyPrefix }))
      .catch(() => ({ Uploads: [] })); // not every S3-compatible server lists them
    for (const upload of pending.Uploads ?? []) {
      if (!upload.Key || !upload.UploadId || (upload.Initiated?.getTime() ?? 0) >= cutoffMs) continue;
      await this.client
        .send(
          new AbortMultipartUploadCommand({
            Bucket: this.options.bucket,
            Key: upload.Key,
            UploadId: upload.UploadId,
          }),
        )
        .catch(() => undefined);
      removed += 1;
    }
    return removed;
  }

  async presignPut(key: string, input: PresignPutInput): Promise<PresignedPut> {
    const command = new PutObjectCommand({
      Bucket: this.options.bucket,
      Key: this.bucketKey(key),
      ContentType: input.contentType,
      ContentLength: input.contentLength,
      ContentMD5: input.contentMd5,
      Metadata: input.metadata,
    });
    const metaHeaders = amzMetaHeaders(input.metadata);
    // Each header named here is signed: a PUT that changes or leaves out one of them is refused by the store.
    const signed = ['content-type', 'content-length', ...(input.contentMd5 ? ['content-md5'] : [])];
    const url = await getSignedUrl(this.presigner, command, {
      expiresIn: input.expiresInSeconds,
      signableHeaders: new Set(signed),
      unhoistableHeaders: new Set(Object.keys(metaHeaders)),
    });
    return {
      url,
      headers: {
        'Content-Type': input.contentType,
        ...(input.contentMd5 ? { 'Content-MD5': input.contentMd5 } : {}),
        ...metaHeaders,
      },
    };
  }

  private async deleteObject(bucketKey: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: bucketKey }));
  }

  private bucketKey(key: string): string {
    return `${this.options.keyPrefix}${assertStorageKey(key)}`;
  }
}

const isNotFound = (error: unknown) =>
  error instanceof S3ServiceException &&
  (error.$metadata.httpStatusCode === 404 || error.name === 'NotFound' || error.name === 'NoSuchKey');

const describeS3Error = (error: unknown): string => {
  if (error instanceof S3ServiceException) {
    const status = error.$metadata.httpStatusCode;
    if (status === 404) return 'the bucket does not exist';
    if (status === 403) return 'access denied with these credentials';
    return `${error.name}${status ? ` (HTTP ${status})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
};
