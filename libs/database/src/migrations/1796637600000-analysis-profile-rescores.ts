import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalysisProfileRescores1796637600000 implements MigrationInterface {
  name = 'AnalysisProfileRescores1796637600000';

  async up(runner: QueryRunner): Promise<void> {
    // A background re-score of past calls after a profile change: its window, where it has got to, and its counts.
    await runner.query(`
      CREATE TABLE analysis_profile_rescores (
        id               text PRIMARY KEY,
        org_id           text NOT NULL,
        profile_id       text NOT NULL,
        profile_version  integer NOT NULL,
        project_id       text,
        window_from      timestamptz NOT NULL,
        window_to        timestamptz NOT NULL,
        status           text NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        total            integer NOT NULL,
        processed        integer NOT NULL DEFAULT 0,
        cursor           text,
        error            text,
        requested_by     text,
        finished_at      timestamptz,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX analysis_profile_rescores_profile_idx ON analysis_profile_rescores (org_id, profile_id, created_at DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE analysis_profile_rescores`);
  }
}
