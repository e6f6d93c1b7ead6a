import { MigrationInterface, QueryRunner } from 'typeorm';

export class CrmLinking1796655600000 implements MigrationInterface {
  name = 'CrmLinking1796655600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE crm_customers (
        id                text PRIMARY KEY,
        org_id            text NOT NULL,
        name              text NOT NULL,
        customer_type     text NOT NULL CHECK (customer_type IN ('ACCOUNT', 'LEAD', 'CONTACT')),
        external_id       text NOT NULL,
        phone_numbers     jsonb NOT NULL DEFAULT '[]',
        email_addresses   jsonb NOT NULL DEFAULT '[]',
        phones_e164       text[] NOT NULL DEFAULT '{}',
        phones_national   text[] NOT NULL DEFAULT '{}',
        emails            text[] NOT NULL DEFAULT '{}',
        crm_url           text,
        integration_name  text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT crm_customers_external_unique UNIQUE (org_id, external_id)
      )`);
    // Matching a call to a customer is an index look-up, not a scan: E.164 numbers (DIRECT), national numbers (FUZZY).
    await runner.query(`CREATE INDEX crm_customers_phones_idx ON crm_customers USING gin (phones_e164)`);
    await runner.query(
      `CREATE INDEX crm_customers_national_idx ON crm_customers USING gin (phones_national)`,
    );
    await runner.query(`CREATE INDEX crm_customers_emails_idx ON crm_customers USING gin (emails)`);
    await runner.query(
      `CREATE INDEX crm_customers_org_idx ON crm_customers (org_id, created_at DESC, id DESC)`,
    );
    await runner.query(`
      CREATE TABLE crm_opportunities (
        id           text PRIMARY KEY,
        org_id       text NOT NULL,
        customer_id  text NOT NULL REFERENCES crm_customers (id) ON DELETE CASCADE,
        external_id  text NOT NULL,
        name         text NOT NULL,
        amount       numeric(14, 2),
        disposition  text NOT NULL CHECK (disposition IN ('OPEN', 'WON', 'LOST')),
        closed_at    timestamptz,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT crm_opportunities_external_unique UNIQUE (org_id, external_id)
      )`);
    await runner.query(`CREATE INDEX crm_opportunities_customer_idx ON crm_opportunities (customer_id)`);
    // The record's link: its customer, how it was found, and the candidates when more than one could be meant.
    await runner.query(`ALTER TABLE records ADD crm_customer_id text`);
    await runner.query(
      `ALTER TABLE records ADD crm_matching_source text CHECK (crm_matching_source IN ('DIRECT', 'FUZZY', 'NOT_FOUND', 'MANUAL'))`,
    );
    await runner.query(`ALTER TABLE records ADD crm_candidates jsonb`);
    await runner.query(
      `CREATE INDEX records_crm_customer_idx ON records (org_id, crm_customer_id) WHERE crm_customer_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX records_crm_customer_idx`);
    await runner.query(`ALTER TABLE records DROP COLUMN crm_candidates`);
    await runner.query(`ALTER TABLE records DROP COLUMN crm_matching_source`);
    await runner.query(`ALTER TABLE records DROP COLUMN crm_customer_id`);
    await runner.query(`DROP TABLE crm_opportunities`);
    await runner.query(`DROP TABLE crm_customers`);
  }
}
