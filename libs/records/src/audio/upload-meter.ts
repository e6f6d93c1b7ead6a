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

  constructor(private readonly limitBytes: number) {
    super();
  }

  get head(): Buffer {
    return Buffer.concat(this.headChunks).subarray(0, MAGIC_BYTES);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limitBytes) return callback(new UploadTooLargeError(this.limitBytes));
    if (this.headLength < MAGIC_BYTES) {
      this.headChunks.push(chunk.subarray(0, MAGIC_BYTES - this.headLength));
      this.headLength += Math.min(chunk.length, MAGIC_BYTES - this.headLength);
    }
    callback(null, chunk);
  }
}
