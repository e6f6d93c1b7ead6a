import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { DataSource } from 'typeorm';
import { databaseUrlFor, templateName, withAdmin } from './test-database';

// Jest's moduleNameMapper does not apply to globalSetup: resolve @app/* here the way tsconfig.json does.
register({ baseUrl: join(__dirname, '..', '..'), paths: { '@app/*': ['libs/*/src'] } });

const BASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/parley';

/** Once per run: a template database with every migration applied, cloned by each test file. */
export default async function globalSetup(): Promise<void> {
  const runId = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
  process.env.PARLEY_TEST_RUN_ID = runId;
  process.env.PARLEY_TEST_BASE_DATABASE_URL = BASE_URL;
  const { dataSourceOptions, runMigrations } = await import('@app/database');
  const name = templateName(runId);
  await withAdmin(BASE_URL, (client) => client.query(`CREATE DATABASE "${name}"`));
  const dataSource = await new DataSource(
    dataSourceOptions({ DATABASE_URL: databaseUrlFor(BASE_URL, name), DATABASE_POOL_SIZE: 2 }),
  ).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
