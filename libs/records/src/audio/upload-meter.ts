import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { MAGIC_BYTES } from './detect-format';

export class UploadTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`Upload exceeds ${limitBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

/**
 * Passes bytes through while counting them and keeping the first few for the format check. Fails the stream the
 * moment the limit is passed, so an oversize upload stops early instead of filling the disk first.
 */
export class UploadMeter extends Transform {
  bytes = 0;
  private headChunks: Buffer[] = [];
  private headLength = 0;
  /** MD5 of everything that passed (Content-MD5 checks of signed uploads); cheap beside the disk write. */
  private readonly digest = createHash('md5');

  /** Base64 MD5 of the bytes, as a Content-MD5 header carries it. Read once, after the stream ended. */
  get md5Base64(): string {
    return this.digest.digest('base64');
  }

  constructor(private readonly limitBytes: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks).subarray(0, MAGIC_BYTES);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limitBytes) return callback(new UploadTooLargeError(this.limitBytes));
    this.digest.update(chunk);
    if (this.headLength < MAGIC_BYTES) {
      this.headChunks.push(chunk.subarray(0, MAGIC_BYTES - this.headLength));
      this.headLength += Math.min(chunk.length, MAGIC_BYTES - this.headLength);
    }
    callback(null, chunk);
  }
}
