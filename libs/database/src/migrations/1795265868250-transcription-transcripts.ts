import { MigrationInterface, QueryRunner } from 'typeorm';

/** Transcription context: one transcript per record and processing version. */
export class TranscriptionTranscripts1795265868250 implements MigrationInterface {
  name = 'TranscriptionTranscripts1795265868250';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE transcripts (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        record_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        engine text NOT NULL,
        language text NOT NULL,
        duration numeric(12, 3) NOT NULL DEFAULT 0,
        speakers jsonb NOT NULL DEFAULT '[]',
        sentences jsonb NOT NULL DEFAULT '[]',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT transcripts_record_version_unique UNIQUE (record_id, version)
      )`);
    await queryRunner.query(
      `CREATE INDEX transcripts_org_record_idx ON transcripts (org_id, record_id, version DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE transcripts`);
  }
}
