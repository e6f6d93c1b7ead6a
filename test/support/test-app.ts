import 'reflect-metadata';
import { INestApplication, Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppConfig, loadConfig } from '@app/core';
import { configureApp } from '../../apps/api/src/configure-app';
import { LocalModule } from '../../apps/api/src/local.module';
import { deleteKeys } from './redis-keys';
import { cloneTemplate, dropDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  config: AppConfig;
  storageDir: string;
  /** Base URL when started with `listen: true`. */
  url?: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Settings on top of the test defaults (same names as the environment). */
  env?: Record<string, string>;
  /** The root module; the whole system (API + worker in one process) by default. */
  module?: Type<unknown>;
  /** Listen on a random loopback port (for clients other than supertest). */
  listen?: boolean;
}

/**
 * Boots the real application against a fresh clone of the migrated template database, a queue prefix of its own
 * on the real Redis and a storage folder of its own. `close()` removes all three.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const runId = process.env.PARLEY_TEST_RUN_ID;
  const baseUrl = process.env.PARLEY_TEST_BASE_DATABASE_URL;
  if (!runId || !baseUrl) throw new Error('e2e tests run through jest with test/support/global-setup.ts');
  const database = await cloneTemplate(baseUrl, runId);
  const storageDir = await mkdtemp(join(tmpdir(), 'parley-test-'));
  const queuePrefix = `parley-test-${randomBytes(4).toString('hex')}`;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.PARLEY_TEST_LOG_LEVEL ?? 'silent',
    LOG_FORMAT: 'json',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '5',
    QUEUE_PREFIX: queuePrefix,
    STORAGE_DIR: storageDir,
    // Every test signs up from 127.0.0.1; the limit itself has a test of its own.
    SIGNUP_MAX_PER_ADDRESS_PER_HOUR: '10000',
    ...options.env,
  });
  const moduleRef = await Test.createTestingModule({ imports: [options.module ?? LocalModule] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .compile();
  const app = configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }));
  let url: string | undefined;
  if (options.listen) {
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
    url = url.replace('[::1]', '127.0.0.1');
  } else {
    await app.init();
  }
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    storageDir,
    url,
    async close() {
      await app.close();
      await dropDatabase(baseUrl, database.name);
      await rm(storageDir, { recursive: true, force: true });
      await deleteKeys(config.REDIS_URL, `${queuePrefix}:*`);
    },
  };
}
