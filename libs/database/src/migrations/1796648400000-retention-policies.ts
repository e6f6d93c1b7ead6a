import { MigrationInterface, QueryRunner } from 'typeorm';

export class RetentionPolicies1796648400000 implements MigrationInterface {
  name = 'RetentionPolicies1796648400000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE retention_policies (
        id                            text PRIMARY KEY,
        org_id                        text NOT NULL,
        name                          text NOT NULL,
        project_id                    text,
        tag                           text,
        delete_audio_after_days       integer CHECK (delete_audio_after_days >= 0),
        delete_transcript_after_days  integer CHECK (delete_transcript_after_days >= 0),
        purge_deleted_after_days      integer CHECK (purge_deleted_after_days >= 0),
        created_at                    timestamptz NOT NULL DEFAULT now(),
        updated_at                    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX retention_policies_org_idx ON retention_policies (org_id, created_at)`);
    // What a policy already removed: the audio (GET .../audio answers 410) or the transcript of a record.
    await runner.query(`ALTER TABLE records ADD audio_deleted_at timestamptz`);
    await runner.query(`ALTER TABLE records ADD transcript_deleted_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE records DROP COLUMN transcript_deleted_at`);
    await runner.query(`ALTER TABLE records DROP COLUMN audio_deleted_at`);
    await runner.query(`DROP TABLE retention_policies`);
  }
}
