import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { payloadTooLarge } from '../records.errors';
import { UploadMeter, UploadTooLargeError } from '../audio/upload-meter';
import { StorageDriver } from '../storage/storage-driver';

export interface ReceivedFile {
  tempKey: string;
  localPath: string;
  sizeBytes: number;
  head: Buffer;
  /** Base64 MD5 of the bytes received (set by receiveToTemp). */
  md5Base64?: string;
}

/**
 * Streams bytes into a new temporary object, never holding more than a chunk in memory. Past `limitBytes` it stops
 * at once with PAYLOAD_TOO_LARGE; on any failure the partial file is removed.
 */
export async function receiveToTemp(
  storage: StorageDriver,
  source: Readable,
  limitBytes: number,
): Promise<ReceivedFile> {
  const temp = await storage.createTemp();
  const meter = new UploadMeter(limitBytes);
  try {
    await pipeline(source, meter, temp.stream);
  } catch (error) {
    await storage.discardTemp(temp.tempKey).catch(() => undefined);
    if (error instanceof UploadTooLargeError) throw payloadTooLarge(error.limitBytes);
    throw error;
  }
  return {
    tempKey: temp.tempKey,
    localPath: temp.localPath,
    sizeBytes: meter.bytes,
    head: meter.head,
    md5Base64: meter.md5Base64,
  };
}
