import { constants, createReadStream } from 'node:fs';
import { access, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { assertStorageKey, LocalTempArea, readFileHead } from './local-temp-area';
import { ByteRange, StorageDriver, StoredObjectInfo, TempObject } from './storage-driver';

/** Files under STORAGE_DIR; temporary files under STORAGE_DIR/tmp, which the maintenance job sweeps. */
export class LocalStorageDriver implements StorageDriver {
  private readonly root: string;
  private readonly temp: LocalTempArea;

  constructor(storageDir: string) {
    this.root = resolve(storageDir);
    this.temp = new LocalTempArea(join(this.root, 'tmp'));
  }

  get tempDirectory(): string {
    return this.temp.directory;
  }

  async checkReady(): Promise<void> {
    await mkdir(this.root, { recursive: true });
    await access(this.root, constants.W_OK).catch(() => {
      throw new Error(`STORAGE_DIR ${this.root} is not writable`);
    });
  }

  sweepTemp(cutoffMs: number): Promise<number> {
    return this.temp.sweep(cutoffMs);
  }

  createTemp(): Promise<TempObject & { stream: Writable }> {
    return this.temp.create();
  }

  async commit(tempKey: string, key: string): Promise<void> {
    const target = this.pathOf(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(this.tempPath(tempKey), target);
  }

  discardTemp(tempKey: string): Promise<void> {
    return this.temp.discard(tempKey);
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
    return this.temp.pathOf(tempKey);
  }

  async withLocalFile<T>(key: string, work: (path: string) => Promise<T>): Promise<T> {
    const path = this.pathOf(key);
    await stat(path);
    return work(path);
  }

  async withProbeLocation<T>(
    key: string,
    headBytes: number,
    work: (location: string, head: Buffer) => Promise<T>,
  ): Promise<T> {
    const path = this.pathOf(key);
    return work(path, await readFileHead(path, headBytes));
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, assertStorageKey(key));
    if (!path.startsWith(this.root + sep)) throw new Error('Invalid storage key');
    return path;
  }
}
