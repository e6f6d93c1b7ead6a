import { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingTranscriptsOnce1795269585798 implements MigrationInterface {
  name = 'BillingTranscriptsOnce1795269585798';

  async up(runner: QueryRunner): Promise<void> {
    // A typed transcript is billed at analysis and cannot be re-transcribed: re-analysing it (a new version) must
    // not bill it again (api.md: only a re-transcription bills again). One analysis billing per record, enforced.
    await runner.query(
      `CREATE UNIQUE INDEX usage_ledger_analysis_once ON usage_ledger (record_id) WHERE stage = 'analysis'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX usage_ledger_analysis_once`);
  }
}
