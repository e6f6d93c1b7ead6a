import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import type { TempObject } from './storage-driver';

const KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;
const TEMP_KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

/**
 * Keys are made by the server, never taken from input; this check is a second line, so a bug can never reach outside
 * the store's root or prefix.
 */
export function assertStorageKey(key: string): string {
  if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
    throw new Error('Invalid storage key');
  return key;
}

/**
 * The local folder where every driver keeps files being received or worked on (ffprobe and ffmpeg read paths; tus
 * writes its chunks there): the local driver's STORAGE_DIR/tmp, the s3 driver's STORAGE_TEMP_DIR.
 */
export class LocalTempArea {
  constructor(readonly directory: string) {}

  /** A new, unused name in the area (`<kind>-<time>-<random><extension>`). */
  newKey(kind: string, extension = ''): string {
    return `${kind}-${Date.now()}-${randomBytes(8).toString('hex')}${extension}`;
  }

  async create(): Promise<TempObject & { stream: Writable }> {
    await mkdir(this.directory, { recursive: true });
    const tempKey = this.newKey('upload');
    const localPath = this.pathOf(tempKey);
    return { tempKey, localPath, stream: createWriteStream(localPath, { flags: 'wx' }) };
  }

  pathOf(tempKey: string): string {
    if (!TEMP_KEY_PATTERN.test(tempKey)) throw new Error('Invalid temporary storage key');
    return join(this.directory, tempKey);
  }

  async discard(tempKey: string): Promise<void> {
    await rm(this.pathOf(tempKey), { force: true });
  }

  sweep(cutoffMs: number): Promise<number> {
    return removeEntriesOlderThan(this.directory, cutoffMs);
  }
}

/** Removes the entries of a folder last modified before `cutoffMs` (a missing folder has none); answers how many. */
export async function removeEntriesOlderThan(
  dir: string,
  cutoffMs: number,
  matches: (name: string) => boolean = () => true,
): Promise<number> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const entry of entries.filter(matches)) {
    const path = join(dir, entry);
    const info = await stat(path).catch(() => undefined);
    if (info && info.mtimeMs < cutoffMs) {
      await rm(path, { recursive: true, force: true });
      removed += 1;
    }
  }
  return removed;
}

/** The first `length` bytes of a file (fewer when it is shorter). */
export async function readFileHead(path: string, length: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
