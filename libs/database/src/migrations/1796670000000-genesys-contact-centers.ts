import { MigrationInterface, QueryRunner } from 'typeorm';

export class GenesysContactCenters1796670000000 implements MigrationInterface {
  name = 'GenesysContactCenters1796670000000';

  async up(runner: QueryRunner): Promise<void> {
    // The insertion API names only the contact center, so its id is unique across organisations.
    await runner.query(`
      CREATE TABLE genesys_contact_centers (
        id text PRIMARY KEY,
        org_id text NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        project_id text NOT NULL,
        ops_username text NOT NULL,
        ops_password_hash text NOT NULL,
        allowed_storage_hosts text[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX genesys_contact_centers_org ON genesys_contact_centers (org_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE genesys_contact_centers`);
  }
}
