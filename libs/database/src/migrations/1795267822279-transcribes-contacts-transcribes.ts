import { MigrationInterface, QueryRunner } from 'typeorm';

/** Transcribes context: contacts, typed transcripts (transcribes) with their entries, and each org's default project. */
export class TranscribesContactsTranscribes1795267822279 implements MigrationInterface {
  name = 'TranscribesContactsTranscribes1795267822279';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE contacts (
        id            text PRIMARY KEY,
        org_id        text NOT NULL,
        display_name  text,
        first_name    text,
        last_name     text,
        email         text,
        phone_number  text,
        company       text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX contacts_org_idx ON contacts (org_id, created_at)`);
    await runner.query(`
      CREATE TABLE transcribes (
        id          text PRIMARY KEY,
        org_id      text NOT NULL,
        contact_id  text NOT NULL,
        project_id  text NOT NULL,
        record_id   text NOT NULL,
        owner_id    text,
        deleted_at  timestamptz,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX transcribes_org_idx ON transcribes (org_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`,
    );
    await runner.query(
      `CREATE INDEX transcribes_contact_idx ON transcribes (org_id, contact_id, created_at DESC) WHERE deleted_at IS NULL`,
    );
    await runner.query(`CREATE INDEX transcribes_record_idx ON transcribes (org_id, record_id)`);
    await runner.query(`
      CREATE TABLE transcribe_entries (
        id             text PRIMARY KEY,
        org_id         text NOT NULL,
        transcribe_id  text NOT NULL REFERENCES transcribes (id) ON DELETE CASCADE,
        position       integer NOT NULL,
        "timestamp"    numeric NOT NULL CHECK ("timestamp" >= 0),
        author         text NOT NULL,
        text           text NOT NULL,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT transcribe_entries_position_unique UNIQUE (transcribe_id, position)
      )`);
    await runner.query(`
      CREATE TABLE transcribe_default_projects (
        org_id      text PRIMARY KEY,
        project_id  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE transcribe_default_projects`);
    await runner.query(`DROP TABLE transcribe_entries`);
    await runner.query(`DROP TABLE transcribes`);
    await runner.query(`DROP TABLE contacts`);
  }
}
