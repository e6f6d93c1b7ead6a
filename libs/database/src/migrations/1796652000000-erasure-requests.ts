import { MigrationInterface, QueryRunner } from 'typeorm';

export class ErasureRequests1796652000000 implements MigrationInterface {
  name = 'ErasureRequests1796652000000';

  async up(runner: QueryRunner): Promise<void> {
    // A request to erase everything about one person (GDPR art. 17, CCPA), worked by a background job.
    await runner.query(`
      CREATE TABLE erasure_requests (
        id            text PRIMARY KEY,
        org_id        text NOT NULL,
        status        text NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed')),
        criteria      jsonb NOT NULL,
        matched       jsonb NOT NULL DEFAULT '{}',
        requested_by  text,
        error         text,
        completed_at  timestamptz,
        created_at    timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE INDEX erasure_requests_org_idx ON erasure_requests (org_id, created_at DESC)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE erasure_requests`);
  }
}
