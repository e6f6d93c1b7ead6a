import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search context: one row per searchable piece of a record (a transcript sentence, the summary, the title, a note),
 * its tsvector generated from its own text-search configuration so each project's language stems its way.
 */
export class SearchEntries1795266006683 implements MigrationInterface {
  name = 'SearchEntries1795266006683';

  async up(runner: QueryRunner): Promise<void> {
    // btree_gin lets one GIN index hold (org_id, tsv): a word frequent across the installation does not make
    // one organisation's search read every other organisation's postings. Trusted since PostgreSQL 13.
    await runner.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    await runner.query(`
      CREATE TABLE search_entries (
        org_id       text NOT NULL,
        record_id    text NOT NULL,
        kind         text NOT NULL CHECK (kind IN ('transcript', 'summary', 'note', 'title')),
        ref          text NOT NULL,
        project_id   text NOT NULL,
        owner_id     text,
        start_time   double precision,
        record_date  timestamptz NOT NULL,
        language     regconfig NOT NULL DEFAULT 'english',
        text         text NOT NULL,
        tsv          tsvector GENERATED ALWAYS AS (to_tsvector(language, text)) STORED,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, record_id, kind, ref)
      )`);
    await runner.query(`CREATE INDEX search_entries_tsv_idx ON search_entries USING gin (org_id, tsv)`);
    await runner.query(`CREATE INDEX search_entries_project_idx ON search_entries (org_id, project_id)`);
    await runner.query(`CREATE INDEX search_entries_owner_idx ON search_entries (org_id, owner_id)`);
    await runner.query(`CREATE INDEX search_entries_date_idx ON search_entries (org_id, record_date)`);
    await runner.query(`CREATE INDEX search_entries_language_idx ON search_entries (org_id, language)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE search_entries`);
  }
}
