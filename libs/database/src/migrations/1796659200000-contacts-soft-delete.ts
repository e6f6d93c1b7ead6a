import { MigrationInterface, QueryRunner } from 'typeorm';

export class ContactsSoftDelete1796659200000 implements MigrationInterface {
  name = 'ContactsSoftDelete1796659200000';

  async up(runner: QueryRunner): Promise<void> {
    // DELETE /contacts/:id hides a contact (as records are hidden); ?permanent=true removes it.
    await runner.query(`ALTER TABLE contacts ADD deleted_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE contacts DROP COLUMN deleted_at`);
  }
}
