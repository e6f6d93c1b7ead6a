import { MigrationInterface, QueryRunner } from 'typeorm';

/** Records context: projects, records, tags and notes. */
export class RecordsInitial1795265817435 implements MigrationInterface {
  name = 'RecordsInitial1795265817435';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE projects (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        name text NOT NULL,
        description text,
        analysis_profile_id text,
        language text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX projects_org_idx ON projects (org_id, created_at)`);

    await queryRunner.query(`
      CREATE TABLE records (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        project_id text NOT NULL REFERENCES projects (id),
        owner_id text,
        type text NOT NULL DEFAULT 'call' CHECK (type IN ('call', 'transcript')),
        title text,
        direction text CHECK (direction IN ('IN', 'OUT', 'INTERNAL')),
        "from" jsonb,
        "to" jsonb,
        agent_name text,
        customer_phone text,
        date timestamptz,
        language text,
        source text NOT NULL,
        source_url text,
        external_id text,
        metadata jsonb NOT NULL DEFAULT '{}',
        masks jsonb NOT NULL DEFAULT '[]',
        media jsonb NOT NULL DEFAULT '[]',
        upload_id text UNIQUE,
        storage_key text,
        size_bytes bigint,
        format text,
        codec text,
        sample_rate integer,
        channels smallint,
        duration numeric(12, 3),
        processing_status text NOT NULL DEFAULT 'pending'
          CHECK (processing_status IN ('pending', 'processing', 'completed', 'failed')),
        processing_stage text NOT NULL DEFAULT 'queued'
          CHECK (processing_stage IN ('uploading', 'queued', 'transcribing', 'analyzing', 'alerting', 'done')),
        analysis_status smallint NOT NULL DEFAULT 0 CHECK (analysis_status BETWEEN 0 AND 5),
        processing_errors jsonb NOT NULL DEFAULT '[]',
        pipeline_version integer NOT NULL DEFAULT 1,
        quality_score numeric(5, 2),
        sentiment_score numeric(6, 4),
        sentiment_label text,
        completed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX records_org_created_idx ON records (org_id, created_at DESC)`);
    await queryRunner.query(`CREATE INDEX records_org_project_idx ON records (org_id, project_id, date)`);
    await queryRunner.query(`CREATE INDEX records_org_owner_idx ON records (org_id, owner_id)`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX records_org_source_external_uq ON records (org_id, source, external_id)
       WHERE external_id IS NOT NULL`,
    );

    await queryRunner.query(`
      CREATE TABLE tags (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        value text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX tags_org_value_uq ON tags (org_id, lower(value))`);
    await queryRunner.query(`
      CREATE TABLE record_tags (
        record_id text NOT NULL REFERENCES records (id) ON DELETE CASCADE,
        tag_id text NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
        org_id text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (record_id, tag_id)
      )`);
    await queryRunner.query(`CREATE INDEX record_tags_tag_idx ON record_tags (tag_id)`);

    await queryRunner.query(`
      CREATE TABLE notes (
        id text PRIMARY KEY,
        org_id text NOT NULL,
        record_id text NOT NULL REFERENCES records (id) ON DELETE CASCADE,
        author_user_id text NOT NULL,
        note_text text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX notes_record_idx ON notes (org_id, record_id, created_at)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE notes`);
    await queryRunner.query(`DROP TABLE record_tags`);
    await queryRunner.query(`DROP TABLE tags`);
    await queryRunner.query(`DROP TABLE records`);
    await queryRunner.query(`DROP TABLE projects`);
  }
}
