import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordsFeatures1796544000000 implements MigrationInterface {
  name = 'RecordsFeatures1796544000000';

  async up(runner: QueryRunner): Promise<void> {
    // Per-feature status of each record (api.md, "Record lifecycle"), written by the stage that owns the feature.
    await runner.query(`ALTER TABLE "records" ADD "features" jsonb NOT NULL DEFAULT '{}'`);
    // Records that finished before this column existed produced every feature of their time: say so rather than
    // show them `pending`. Typed transcripts were never transcribed.
    await runner.query(`
      UPDATE records SET features = jsonb_build_object(
        'transcription', CASE WHEN type = 'transcript'
          THEN jsonb_build_object('status', 'skipped', 'reason', 'typed transcript', 'attempts', 0)
          ELSE jsonb_build_object('status', 'ok', 'attempts', 1) END,
        'redaction', jsonb_build_object('status', 'ok', 'attempts', 1),
        'metrics', jsonb_build_object('status', 'ok', 'attempts', 1),
        'sentiment', jsonb_build_object('status', 'ok', 'attempts', 1),
        'summary', jsonb_build_object('status', 'ok', 'attempts', 1),
        'scorecard', jsonb_build_object('status', 'ok', 'attempts', 1),
        'alerts', jsonb_build_object('status', 'ok', 'attempts', 1))
      WHERE processing_status = 'completed'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "records" DROP COLUMN "features"`);
  }
}
