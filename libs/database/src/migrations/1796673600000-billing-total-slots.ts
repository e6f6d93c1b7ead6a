import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running billing totals spread over slots. Every billed stage of an organisation used to update the same
 * (org, period) and (org, day, project) rows and hold their locks until its transaction committed, so one
 * organisation's calls were billed one at a time on any number of workers. A stage now adds to one of
 * BILLING_TOTAL_SLOTS rows chosen by its record; readers sum the slots. Existing rows become slot 0.
 */
export class BillingTotalSlots1796673600000 implements MigrationInterface {
  name = 'BillingTotalSlots1796673600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE billing_period_totals ADD COLUMN slot smallint NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE billing_period_totals DROP CONSTRAINT billing_period_totals_pkey`);
    await runner.query(`ALTER TABLE billing_period_totals ADD PRIMARY KEY (org_id, period, slot)`);
    await runner.query(`ALTER TABLE billing_daily_usage ADD COLUMN slot smallint NOT NULL DEFAULT 0`);
    await runner.query(`ALTER TABLE billing_daily_usage DROP CONSTRAINT billing_daily_usage_pkey`);
    await runner.query(`ALTER TABLE billing_daily_usage ADD PRIMARY KEY (org_id, day, project_id, slot)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const [table, key, sums] of [
      ['billing_period_totals', 'org_id, period', ', max(budget_exceeded_at), max(updated_at)'],
      ['billing_daily_usage', 'org_id, day, project_id', ''],
    ]) {
      const extra = sums ? ', budget_exceeded_at, updated_at' : '';
      await runner.query(`CREATE TEMP TABLE folded AS
        SELECT ${key}, sum(records) AS records, sum(minutes) AS minutes, sum(cost_cents) AS cost_cents,
               sum(credit_cents_used) AS credit_cents_used${sums}
          FROM ${table} GROUP BY ${key}`);
      await runner.query(`DELETE FROM ${table}`);
      await runner.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
      await runner.query(`ALTER TABLE ${table} DROP COLUMN slot`);
      await runner.query(`ALTER TABLE ${table} ADD PRIMARY KEY (${key})`);
      await runner.query(`INSERT INTO ${table} (${key}, records, minutes, cost_cents, credit_cents_used${extra})
        SELECT * FROM folded`);
      await runner.query(`DROP TABLE folded`);
    }
  }
}
