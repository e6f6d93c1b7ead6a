import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordsSoftDelete1796644800000 implements MigrationInterface {
  name = 'RecordsSoftDelete1796644800000';

  async up(runner: QueryRunner): Promise<void> {
    // DELETE /records/:id hides a record (restorable); a purge removes it. A legal hold blocks both.
    await runner.query(`ALTER TABLE records ADD deleted_at timestamptz`);
    await runner.query(`ALTER TABLE records ADD deleted_by text`);
    await runner.query(`ALTER TABLE records ADD legal_hold boolean NOT NULL DEFAULT false`);
    // Lists exclude the few hidden records of an organisation with an anti-join on this small index.
    await runner.query(
      `CREATE INDEX records_deleted_idx ON records (org_id, deleted_at) WHERE deleted_at IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX records_deleted_idx`);
    await runner.query(`ALTER TABLE records DROP COLUMN legal_hold`);
    await runner.query(`ALTER TABLE records DROP COLUMN deleted_by`);
    await runner.query(`ALTER TABLE records DROP COLUMN deleted_at`);
  }
}
