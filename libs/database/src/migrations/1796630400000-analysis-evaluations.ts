import { MigrationInterface, QueryRunner } from 'typeorm';

export class AnalysisEvaluations1796630400000 implements MigrationInterface {
  name = 'AnalysisEvaluations1796630400000';

  async up(runner: QueryRunner): Promise<void> {
    // The evaluation tree of api.md "Coaching"; analyses written before it have none (null, not an empty tree).
    await runner.query(`ALTER TABLE analyses ADD evaluation jsonb`);
    // Profiles gain sections, colour bands and a version; editing a profile makes a new version, kept whole in
    // analysis_profile_versions so an evaluation can always say which definition it used.
    await runner.query(`ALTER TABLE analysis_profiles ADD sections jsonb NOT NULL DEFAULT '[]'`);
    await runner.query(`ALTER TABLE analysis_profiles ADD colors jsonb`);
    await runner.query(`ALTER TABLE analysis_profiles ADD version integer NOT NULL DEFAULT 1`);
    await runner.query(`
      CREATE TABLE analysis_profile_versions (
        profile_id  text NOT NULL,
        version     integer NOT NULL,
        org_id      text NOT NULL,
        definition  jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (profile_id, version)
      )`);
    await runner.query(`
      INSERT INTO analysis_profile_versions (profile_id, version, org_id, definition, created_at)
      SELECT id, 1, org_id, jsonb_build_object('name', name, 'criteria', criteria, 'sections', sections), updated_at
      FROM analysis_profiles`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE analysis_profile_versions`);
    await runner.query(`ALTER TABLE analysis_profiles DROP COLUMN version`);
    await runner.query(`ALTER TABLE analysis_profiles DROP COLUMN colors`);
    await runner.query(`ALTER TABLE analysis_profiles DROP COLUMN sections`);
    await runner.query(`ALTER TABLE analyses DROP COLUMN evaluation`);
  }
}
