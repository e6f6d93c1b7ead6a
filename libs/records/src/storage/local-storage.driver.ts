import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { constants } from 'node:fs';
import { access, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { ByteRange, StorageDriver, StoredObjectInfo, TempObject } from './storage-driver';

const KEY_PATTERN = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*$/;
const TEMP_KEY_PATTERN = /^[A-Za-z0-9_.-]+$/;

/** Files under STORAGE_DIR; temporary files under STORAGE_DIR/tmp, which the maintenance job sweeps. */
export class LocalStorageDriver implements StorageDriver {
  private readonly root: string;
  private readonly tmp: string;

  constructor(storageDir: string) {
    this.root = resolve(storageDir);
    this.tmp = join(this.root, 'tmp');
  }

  get tempDirectory(): string {
    return this.tmp;
  }

  async checkReady(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK).catch(() => {
      throw new Error(`STORAGE_DIR ${this.root} is not writable`);
    });
  }

  async sweepTemp(cutoffMs: number): Promise<number> {
    return removeEntriesOlderThan(this.tmp, cutoffMs);
  }

  async createTemp(): Promise<TempObject & { stream: Writable }> {
    await mkdir(this.tmp, { recursive: true });
    const tempKey = `upload-${Date.now()}-${randomBytes(8).toString('hex')}`;
    const localPath = this.tempPath(tempKey);
    return { tempKey, localPath, stream: createWriteStream(localPath, { flags: 'wx' }) };
  }

  async commit(tempKey: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.tempPath(tempKey), target);
  }

  async discardTemp(tempKey: string): Promise<void> {
    await rm(this.tempPath(tempKey), { force: true });
  }

  async openRead(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path, range ? { start: range.start, end: range.end } : {});
  }

  async stat(key: string): Promise<StoredObjectInfo | null> {
    const info = await stat(this.pathOf(key)).catch(() => null);
    return info?.isFile() ? { sizeBytes: info.size } : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.pathOf(prefix), { recursive: true, force: true });
  }

  tempPath(tempKey: string): string {
    if (!TEMP_KEY_PATTERN.test(tempKey)) throw new Error('Invalid temporary storage key');
    return join(this.tmp, tempKey);
  }

  /** Keys are server-made; the checks are a second line so a bug can never reach outside the root. */
  async withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T> {
    const path = this.pathOf(key);
    await stat(path);
    return work(path);
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key) || key.split('/').some((part) => part === '..' || part === '.'))
      throw new Error('Invalid storage key');
    const path = resolve(this.root, key);
    if (!path.startsWith(this.root + sep)) throw new Error('Invalid storage key');
    return path;
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
