import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DataSource } from 'typeorm';
import { dataSourceOptions, runMigrations } from '@app/database';
import { deleteKeys } from '../../test/support/redis-keys';
import { databaseUrlFor, dropDatabase, withAdmin } from '../../test/support/test-database';

/** Brings the database at `databaseUrl` to the latest schema; returns the migrations it applied. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const migrator = await new DataSource(
    dataSourceOptions({ DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: 2 }),
  ).initialize();
  try {
    return await runMigrations(migrator);
  } finally {
    await migrator.destroy();
  }
}

/** (Re)creates database `name` on `serverUrl`'s server, migrated; returns its URL. */
export async function createMigratedDatabase(serverUrl: string, name: string): Promise<string> {
  await dropDatabase(serverUrl, name);
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrlFor(serverUrl, name);
  await migrateDatabase(url);
  return url;
}

export interface BenchApi {
  /** The API's base URL, e.g. http://127.0.0.1:41234/api/v1. */
  base: string;
  /** Closes the API and removes its storage folder and its queue keys from Redis. */
  close(): Promise<void>;
}

/**
 * Boots the API (ApiModule) in this process on a loopback port against `databaseUrl`, with its own storage folder
 * and queue prefix `parley-bench-<name>`, logging off. `env` adds settings.
 */
export async function startBenchApi(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
  /** `local`: API and worker in one process (LocalModule), for benches that need jobs to run. */
  composition: 'api' | 'local' = 'api',
): Promise<BenchApi> {
  const storageDir = await mkdtemp(join(tmpdir(), `parley-bench-${name}-`));
  const queuePrefix = `parley-bench-${name}`;
  Object.assign(process.env, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    MIGRATIONS_RUN_AT_START: 'false',
    QUEUE_PREFIX: queuePrefix,
    STORAGE_DIR: storageDir,
    ...env,
  });
  // Loaded after the environment is set: AppConfig is read when the module is created.
  const root =
    composition === 'local'
      ? (await import('../../apps/api/src/local.module')).LocalModule
      : (await import('../../apps/api/src/api.module')).ApiModule;
  const { configureApp } = await import('../../apps/api/src/configure-app');
  const app = configureApp(await NestFactory.create<NestExpressApplication>(root, { logger: false }));
  await app.listen(0, '127.0.0.1');
  const base = (await app.getUrl()).replace('[::1]', '127.0.0.1') + '/api/v1';
  return {
    base,
    close: async () => {
      await app.close();
      await rm(storageDir, { recursive: true, force: true });
      await deleteKeys(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', `${queuePrefix}:*`);
    },
  };
}

/**
 * A JSON call to a bench API: `init.token` as a bearer token, the `data` of the envelope back, any non-2xx thrown
 * with its body.
 */
export async function callApi(
  base: string,
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const body = (await response.json()) as { data: Record<string, unknown> };
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return body.data;
}
