import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@app/database';
import { cloneTemplate, dropDatabase } from '../support/test-database';

/**
 * The migrations (hand-written SQL, reviewed) and the entities (what the code reads and writes) must agree: every
 * column an entity maps exists in the migrated schema with the same nullability. Indexes, checks and foreign keys
 * live in the migrations only, so a full TypeORM schema diff would flag them all.
 */
describe('schema drift', () => {
  it('maps every entity column to a migrated column with the same nullability', async () => {
    const baseUrl = process.env.PARLEY_TEST_BASE_DATABASE_URL!;
    const database = await cloneTemplate(baseUrl, process.env.PARLEY_TEST_RUN_ID!);
    const dataSource = await new DataSource(
      dataSourceOptions({ DATABASE_URL: database.url, DATABASE_POOL_SIZE: 2 }),
    ).initialize();
    try {
      const rows: Array<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }> =
        await dataSource.query(
          `SELECT table_name, column_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public'`,
        );
      const migrated = new Map(
        rows.map((row) => [`${row.table_name}.${row.column_name}`, row.is_nullable === 'YES']),
      );
      const problems: string[] = [];
      expect(dataSource.entityMetadatas.length).toBeGreaterThan(20);
      for (const entity of dataSource.entityMetadatas) {
        for (const column of entity.columns) {
          const key = `${entity.tableName}.${column.databaseName}`;
          if (!migrated.has(key))
            problems.push(`${key} is mapped by ${entity.name} but no migration creates it`);
          else if (migrated.get(key) !== column.isNullable)
            problems.push(
              `${key}: entity says nullable=${column.isNullable}, schema says ${migrated.get(key)}`,
            );
        }
      }
      expect(problems).toEqual([]);
    } finally {
      await dataSource.destroy();
      await dropDatabase(baseUrl, database.name);
    }
  });
});
