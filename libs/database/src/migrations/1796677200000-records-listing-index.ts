import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `GET /records` sorts by `created_at DESC NULLS LAST, id DESC` (or `date …`). records_org_created_idx is
 * `created_at DESC` (NULLS FIRST), which that order cannot use, so every page sorted all of the organisation's rows.
 * These match the list's order and its `deleted_at IS NULL` filter, so a page reads only its own rows.
 */
export class RecordsListingIndex1796677200000 implements MigrationInterface {
  name = 'RecordsListingIndex1796677200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX records_org_listing_idx ON records (org_id, created_at DESC NULLS LAST, id DESC)
         WHERE deleted_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX records_org_listing_date_idx ON records (org_id, date DESC NULLS LAST, id DESC)
         WHERE deleted_at IS NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX records_org_listing_date_idx`);
    await runner.query(`DROP INDEX records_org_listing_idx`);
  }
}
