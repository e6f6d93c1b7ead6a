import { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertsRulesEvents1795266064524 implements MigrationInterface {
  name = 'AlertsRulesEvents1795266064524';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE alert_rules (
        id          text PRIMARY KEY,
        org_id      text NOT NULL,
        name        text NOT NULL,
        project_id  text,
        condition   jsonb NOT NULL,
        actions     text[] NOT NULL,
        emails      text[] NOT NULL DEFAULT '{}',
        enabled     boolean NOT NULL DEFAULT true,
        created_at  timestamptz NOT NULL DEFAULT now(),
        updated_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX alert_rules_org_idx ON alert_rules (org_id, created_at)`);
    await runner.query(
      `CREATE INDEX alert_rules_enabled_idx ON alert_rules (org_id, project_id) WHERE enabled`,
    );
    await runner.query(`
      CREATE TABLE alert_events (
        id                text PRIMARY KEY,
        org_id            text NOT NULL,
        alert_id          text NOT NULL,
        record_id         text NOT NULL,
        record_version    integer NOT NULL,
        record_owner_id   text,
        matched           jsonb NOT NULL,
        email_recipients  text[] NOT NULL DEFAULT '{}',
        emailed_at        timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT alert_events_rule_record_version_unique UNIQUE (alert_id, record_id, record_version)
      )`);
    await runner.query(`CREATE INDEX alert_events_org_idx ON alert_events (org_id, created_at)`);
    await runner.query(`CREATE INDEX alert_events_record_idx ON alert_events (org_id, record_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE alert_events`);
    await runner.query(`DROP TABLE alert_rules`);
  }
}
