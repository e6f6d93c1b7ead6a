import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhooksEndpointsDeliveries1795266029160 implements MigrationInterface {
  name = 'WebhooksEndpointsDeliveries1795266029160';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE webhook_endpoints (
        id                          text PRIMARY KEY,
        org_id                      text NOT NULL,
        url                         text NOT NULL,
        description                 text,
        events                      text[] NOT NULL,
        enabled                     boolean NOT NULL DEFAULT true,
        disabled_reason             text,
        secret_encrypted            text NOT NULL,
        previous_secret_encrypted   text,
        previous_secret_expires_at  timestamptz,
        failing_since               timestamptz,
        created_at                  timestamptz NOT NULL DEFAULT now(),
        updated_at                  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX webhook_endpoints_org_idx ON webhook_endpoints (org_id, created_at)`);
    await runner.query(`
      CREATE TABLE deliveries (
        id                text PRIMARY KEY,
        org_id            text NOT NULL,
        endpoint_id       text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
        event_id          text NOT NULL,
        event_type        text NOT NULL,
        status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
        attempt_count     integer NOT NULL DEFAULT 0,
        next_attempt      integer NOT NULL DEFAULT 1,
        series_start      integer NOT NULL DEFAULT 1,
        next_attempt_at   timestamptz,
        last_status_code  integer,
        last_error        text,
        delivered_at      timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT deliveries_event_endpoint_unique UNIQUE (event_id, endpoint_id)
      )`);
    await runner.query(
      `CREATE INDEX deliveries_endpoint_idx ON deliveries (org_id, endpoint_id, created_at DESC)`,
    );
    await runner.query(`
      CREATE TABLE delivery_attempts (
        delivery_id       text NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
        attempt           integer NOT NULL,
        org_id            text NOT NULL,
        attempted_at      timestamptz NOT NULL,
        status_code       integer,
        duration_ms       integer NOT NULL,
        response_snippet  text,
        error             text,
        PRIMARY KEY (delivery_id, attempt)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE delivery_attempts`);
    await runner.query(`DROP TABLE deliveries`);
    await runner.query(`DROP TABLE webhook_endpoints`);
  }
}
