import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Annotations and QA reviews hang off one analysis; the foreign key removes them with it, so deleting a record
 * (which deletes its analyses in the same transaction) leaves none behind.
 */
export class AnalysisAnnotationsReviews1795269314009 implements MigrationInterface {
  name = 'AnalysisAnnotationsReviews1795269314009';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE analysis_annotations (
        id           text PRIMARY KEY,
        org_id       text NOT NULL,
        analysis_id  text NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
        author       text NOT NULL,
        start_time   double precision NOT NULL CHECK (start_time >= 0),
        end_time     double precision CHECK (end_time >= start_time),
        text         text NOT NULL,
        category     text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX analysis_annotations_analysis_idx ON analysis_annotations (org_id, analysis_id, start_time)`,
    );
    await runner.query(`
      CREATE TABLE analysis_reviews (
        id           text PRIMARY KEY,
        org_id       text NOT NULL,
        analysis_id  text NOT NULL REFERENCES analyses (id) ON DELETE CASCADE,
        reviewer_id  text NOT NULL,
        score        integer NOT NULL CHECK (score BETWEEN 0 AND 100),
        criteria     jsonb NOT NULL,
        comment      text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(
      `CREATE INDEX analysis_reviews_analysis_idx ON analysis_reviews (org_id, analysis_id, created_at DESC, id DESC)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE analysis_reviews`);
    await runner.query(`DROP TABLE analysis_annotations`);
  }
}
