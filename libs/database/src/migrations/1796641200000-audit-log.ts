import { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLog1796641200000 implements MigrationInterface {
  name = 'AuditLog1796641200000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE audit_log (
        id           text PRIMARY KEY,
        org_id       text NOT NULL,
        at           timestamptz NOT NULL DEFAULT now(),
        actor_type   text NOT NULL CHECK (actor_type IN ('user', 'client', 'system')),
        actor_id     text,
        action       text NOT NULL,
        target_type  text NOT NULL,
        target_id    text NOT NULL,
        details      jsonb NOT NULL DEFAULT '{}'
      )`);
    await runner.query(`CREATE INDEX audit_log_org_at_idx ON audit_log (org_id, at DESC, id DESC)`);
    await runner.query(`CREATE INDEX audit_log_org_target_idx ON audit_log (org_id, target_id, at DESC)`);
    await runner.query(`CREATE INDEX audit_log_org_actor_idx ON audit_log (org_id, actor_id, at DESC)`);
    // Append-only for everyone, the application's own role included (even a superuser's UPDATE or DELETE is refused;
    // only disabling the trigger, a schema change, gets past it).
    await runner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP;
      END $$`);
    await runner.query(`
      CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await runner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE audit_log`);
    await runner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
