import { MigrationInterface, QueryRunner } from 'typeorm';

export class BillingLedger1795266020443 implements MigrationInterface {
  name = 'BillingLedger1795266020443';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE billing_accounts (
        org_id                  text PRIMARY KEY,
        price_per_minute_cents  integer CHECK (price_per_minute_cents >= 0),
        budget_limit_cents      bigint CHECK (budget_limit_cents >= 0),
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE usage_ledger (
        id                 text PRIMARY KEY,
        org_id             text NOT NULL,
        record_id          text NOT NULL,
        project_id         text NOT NULL,
        stage              text NOT NULL CHECK (stage IN ('transcription', 'analysis')),
        version            integer NOT NULL,
        duration_seconds   numeric(12, 3) NOT NULL,
        minutes            integer NOT NULL CHECK (minutes >= 0),
        unit_price_cents   integer NOT NULL CHECK (unit_price_cents >= 0),
        cost_cents         bigint NOT NULL CHECK (cost_cents >= 0),
        credit_cents_used  bigint NOT NULL DEFAULT 0 CHECK (credit_cents_used >= 0 AND credit_cents_used <= cost_cents),
        period             text NOT NULL,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT usage_ledger_billed_once UNIQUE (record_id, stage, version)
      )`);
    // Covering indexes: the usage report by day and by project reads only the index (no heap visits).
    await runner.query(`
      CREATE INDEX usage_ledger_org_created_idx ON usage_ledger (org_id, created_at)
        INCLUDE (record_id, project_id, minutes, cost_cents, credit_cents_used)`);
    await runner.query(`
      CREATE INDEX usage_ledger_org_period_idx ON usage_ledger (org_id, period)
        INCLUDE (record_id, minutes, cost_cents, credit_cents_used)`);
    // Running totals per organisation and month, updated in the billing transaction: the summary reads one row.
    await runner.query(`
      CREATE TABLE billing_period_totals (
        org_id              text NOT NULL,
        period              text NOT NULL,
        records             bigint NOT NULL DEFAULT 0,
        minutes             bigint NOT NULL DEFAULT 0,
        cost_cents          bigint NOT NULL DEFAULT 0,
        credit_cents_used   bigint NOT NULL DEFAULT 0,
        budget_exceeded_at  timestamptz,
        updated_at          timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (org_id, period)
      )`);
    await runner.query(`
      CREATE TABLE credit_grants (
        id               text PRIMARY KEY,
        org_id           text NOT NULL,
        amount_cents     bigint NOT NULL CHECK (amount_cents > 0),
        remaining_cents  bigint NOT NULL CHECK (remaining_cents >= 0 AND remaining_cents <= amount_cents),
        expires_at       timestamptz NOT NULL,
        created_by       text,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX credit_grants_org_expires_idx ON credit_grants (org_id, expires_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE credit_grants`);
    await runner.query(`DROP TABLE billing_period_totals`);
    await runner.query(`DROP TABLE usage_ledger`);
    await runner.query(`DROP TABLE billing_accounts`);
  }
}
