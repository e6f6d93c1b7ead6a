import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { validationFailed } from '@app/core';
import { StorageDriver } from '../storage/storage-driver';
import { ReceivedFile, receiveToTemp } from '../uploads/receive-to-temp';

/**
 * Copies `relativePath` under `root` into temporary storage. The path may not be absolute, may not climb with
 * `..`, and its real path (symlinks resolved) must stay inside the root's real path; anything else is a 400 that
 * does not say what exists on disk.
 */
export async function copyLocalMedia(
  storage: StorageDriver,
  root: string,
  relativePath: string,
  maxBytes: number,
  field: string,
): Promise<ReceivedFile> {
  const refused = () =>
    validationFailed(`${field} is not a readable file under the import root`, [
      { field, message: 'not a readable file under the import root' },
    ]);
  if (isAbsolute(relativePath) || relativePath.split(/[\\/]/).includes('..') || relativePath.includes('\0'))
    throw refused();
  let realRoot: string;
  let realFile: string;
  try {
    realRoot = await realpath(root);
    realFile = await realpath(join(realRoot, relativePath));
  } catch {
    throw refused();
  }
  if (!realFile.startsWith(realRoot + sep)) throw refused();
  const info = await stat(realFile).catch(() => null);
  if (!info?.isFile()) throw refused();
  return receiveToTemp(storage, createReadStream(realFile), maxBytes);
}
