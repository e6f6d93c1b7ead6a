import { MigrationInterface, QueryRunner } from 'typeorm';

export class Followups1796634000000 implements MigrationInterface {
  name = 'Followups1796634000000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE followups (
        id          text PRIMARY KEY,
        org_id      text NOT NULL,
        record_id   text NOT NULL,
        project_id  text NOT NULL,
        type        text NOT NULL CHECK (type IN ('CALLBACK', 'SEND_INFO', 'REFUND', 'ESCALATION', 'SCHEDULE', 'OTHER')),
        text        text NOT NULL,
        source      text NOT NULL CHECK (source IN ('ai', 'human')),
        evidence    jsonb,
        due_at      timestamptz,
        owner_id    text,
        status      text NOT NULL CHECK (status IN ('TO_DO', 'IN_PROGRESS', 'COMPLETE')),
        starred     boolean NOT NULL DEFAULT false,
        history     jsonb NOT NULL DEFAULT '[]',
        ai_key      text,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    // The team lead's list: newest first within the organisation, narrowed by status, owner or project.
    await runner.query(
      `CREATE INDEX followups_org_created_idx ON followups (org_id, created_at DESC, id DESC)`,
    );
    await runner.query(
      `CREATE INDEX followups_org_status_idx ON followups (org_id, status, created_at DESC)`,
    );
    await runner.query(`CREATE INDEX followups_record_idx ON followups (record_id)`);
    // A follow-up found in an utterance is stored once, however often the record is analysed.
    await runner.query(
      `CREATE UNIQUE INDEX followups_record_ai_key ON followups (record_id, ai_key) WHERE ai_key IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE followups`);
  }
}
