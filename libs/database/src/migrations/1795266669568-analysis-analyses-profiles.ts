import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalysisAnalysesProfiles1795266669568 implements MigrationInterface {
  name = 'AnalysisAnalysesProfiles1795266669568';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE analysis_profiles (
        id          text PRIMARY KEY,
        org_id      text NOT NULL,
        name        text NOT NULL,
        criteria    jsonb NOT NULL,
        is_default  boolean NOT NULL DEFAULT false,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX analysis_profiles_org_idx ON analysis_profiles (org_id, created_at)`);
    // One built-in default per organisation, however many workers create it at once.
    await runner.query(
      `CREATE UNIQUE INDEX analysis_profiles_one_default ON analysis_profiles (org_id) WHERE is_default`,
    );
    await runner.query(`
      CREATE TABLE analyses (
        id                 text PRIMARY KEY,
        org_id             text NOT NULL,
        record_id          text NOT NULL,
        profile_id         text NOT NULL,
        version            integer NOT NULL,
        quality_score      integer NOT NULL,
        compliance_status  text NOT NULL CHECK (compliance_status IN ('passed', 'failed')),
        categories         jsonb NOT NULL,
        criteria           jsonb NOT NULL,
        summary            text NOT NULL,
        improvements       jsonb NOT NULL,
        sentiment          jsonb NOT NULL,
        sentiment_label    text NOT NULL,
        sentiment_score    double precision NOT NULL,
        metrics            jsonb NOT NULL,
        keywords           jsonb NOT NULL,
        bookmarks          jsonb NOT NULL,
        pii                jsonb NOT NULL,
        engine             jsonb NOT NULL,
        sentences          jsonb NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT analyses_record_version_unique UNIQUE (record_id, version)
      )`);
    await runner.query(`CREATE INDEX analyses_org_idx ON analyses (org_id, created_at)`);
    await runner.query(`CREATE INDEX analyses_record_idx ON analyses (org_id, record_id, version DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE analyses`);
    await runner.query(`DROP TABLE analysis_profiles`);
  }
}
