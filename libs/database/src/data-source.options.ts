import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';
import type { AppConfig } from '@app/core';
import { MIGRATIONS } from './migrations';

/** Entity files, compiled or not: the CLI and migration checks need them all without importing each context. */
const ENTITY_GLOBS = [join(__dirname, '..', '..', '*', 'src', '**', '*.entity.{ts,js}')];

export function dataSourceOptions(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_POOL_SIZE'>,
  entities: DataSourceOptions['entities'] = ENTITY_GLOBS,
): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    entities,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: config.DATABASE_POOL_SIZE,
      application_name: 'parley',
      // A server that is down or unreachable fails a request in seconds (a 503), not when the outage ends.
      connectionTimeoutMillis: 5000,
    },
  };
}
