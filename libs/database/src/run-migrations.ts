import { DataSource } from 'typeorm';

/** Any constant works; it only has to be the same in every Parley process sharing a database. */
const MIGRATION_LOCK_KEY = 7_210_442_019;

/**
 * Runs pending migrations while holding a PostgreSQL advisory lock, so api and worker processes starting
 * together never race on the same migration. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await lock.release();
  }
}
