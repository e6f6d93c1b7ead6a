import { MigrationInterface, QueryRunner } from 'typeorm';

/** Lets the sweep find pending deliveries whose next attempt is overdue without scanning the table. */
export class WebhooksDeliveriesDueIndex1795268484357 implements MigrationInterface {
  name = 'WebhooksDeliveriesDueIndex1795268484357';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX deliveries_due_idx`);
  }
}
