import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactsExternalRef1796662800000 implements MigrationInterface {
  name = 'ContactsExternalRef1796662800000';

  async up(runner: QueryRunner): Promise<void> {
    // A contact another system knows by its own id (Rechat's contact UUIDs): one Parley contact per reference and
    // organisation, so concurrent first transcribes of a contact agree on one row.
    await runner.query(`ALTER TABLE contacts ADD external_ref text`);
    await runner.query(
      `CREATE UNIQUE INDEX contacts_org_external_ref ON contacts (org_id, external_ref) WHERE external_ref IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX contacts_org_external_ref`);
    await runner.query(`ALTER TABLE contacts DROP COLUMN external_ref`);
  }
}
