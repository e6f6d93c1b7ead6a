import { FileStore } from '@tus/file-store';
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform } from 'node:stream';

/** Algorithms of the tus checksum extension that this server verifies. */
export const TUS_CHECKSUM_ALGORITHMS = ['sha1', 'md5'] as const;
export type TusChecksumAlgorithm = (typeof TUS_CHECKSUM_ALGORITHMS)[number];

export interface ChunkChecksum {
  algorithm: TusChecksumAlgorithm;
  /** Base64 digest the client sent in Upload-Checksum. */
  digest: string;
}

/** The checksum of the PATCH being handled, set around each tus request. */
export const chunkChecksum = new AsyncLocalStorage<ChunkChecksum | undefined>();

/** What tus answers for a chunk whose bytes do not match its Upload-Checksum (tus 1.0 checksum extension). */
export const CHECKSUM_MISMATCH = { status_code: 460, body: 'Checksum Mismatch\n' };

/**
 * @tus/server v1 has no checksum extension; this store adds it. A chunk is hashed while it is written; when the
 * digest differs from Upload-Checksum the chunk is cut off again (the offset is the file size) and 460 answered,
 * so the client can resend exactly that chunk.
 */
export class ChecksumFileStore extends FileStore {
  constructor(options: ConstructorParameters<typeof FileStore>[0]) {
    super(options);
    this.extensions = [...this.extensions, 'checksum'];
  }

  override async write(readable: Readable, fileId: string, offset: number): Promise<number> {
    const checksum = chunkChecksum.getStore();
    if (!checksum) return super.write(readable, fileId, offset);
    const hash = createHash(checksum.algorithm);
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    readable.pipe(hashing);
    readable.on('error', (error) => hashing.destroy(error));
    const newOffset = await super.write(hashing, fileId, offset);
    if (hash.digest('base64') !== checksum.digest) {
      await truncate(join(this.directory, fileId), offset);
      throw CHECKSUM_MISMATCH;
    }
    return newOffset;
  }
}
