import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { AppConfig } from '@app/core';

/** The resolved HS256 key, injectable under this token. */
export const JWT_SIGNING_KEY = Symbol('JWT_SIGNING_KEY');

/**
 * JWT_SECRET when set (always in production: loadConfig refuses to start without it). Otherwise a random key
 * generated once and kept beside STORAGE_DIR with mode 0600, so development restarts keep their sessions.
 */
export async function resolveJwtSecret(config: AppConfig): Promise<string> {
  if (config.JWT_SECRET) return config.JWT_SECRET;
  const folder = join(dirname(resolve(config.STORAGE_DIR)), 'secrets');
  const file = join(folder, 'jwt-secret');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  try {
    // 'wx' fails when another process got there first; then everyone reads the one that won.
    await writeFile(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = (await readFile(file, 'utf8')).trim();
  if (secret.length < 32) throw new Error(`${file} holds a key shorter than 32 characters`);
  return secret;
}
