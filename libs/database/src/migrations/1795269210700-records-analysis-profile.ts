import { MigrationInterface, QueryRunner } from 'typeorm';

/** The scorecard a record's next analysis uses when someone re-analyses it with another profile. */
export class RecordsAnalysisProfile1795269210700 implements MigrationInterface {
  name = 'RecordsAnalysisProfile1795269210700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE records ADD COLUMN analysis_profile_id text`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE records DROP COLUMN analysis_profile_id`);
  }
}
