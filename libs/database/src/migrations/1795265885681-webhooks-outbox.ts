import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksOutbox1795265885681 implements MigrationInterface {
  name = 'WebhooksOutbox1795265885681';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE outbox_events (
        id          text PRIMARY KEY,
        org_id      text NOT NULL,
        type        text NOT NULL,
        dedupe_key  text NOT NULL,
        payload     jsonb NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now(),
        relayed_at  timestamptz,
        CONSTRAINT outbox_events_dedupe_key_unique UNIQUE (dedupe_key)
      )`);
    await runner.query(
      `CREATE INDEX outbox_events_pending_idx ON outbox_events (created_at) WHERE relayed_at IS NULL`,
    );
    await runner.query(`CREATE INDEX outbox_events_org_idx ON outbox_events (org_id, created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE outbox_events`);
  }
}
