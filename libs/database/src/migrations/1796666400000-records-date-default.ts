import { MigrationInterface, QueryRunner } from 'typeorm';

export class RecordsDateDefault1796666400000 implements MigrationInterface {
  name = 'RecordsDateDefault1796666400000';

  async up(runner: QueryRunner): Promise<void> {
    // A record without a call date (a plain upload) is dated by its arrival, so from/to filters and date sorting
    // find every record (api.md, AICA). A trigger rather than code in each intake path: uploads, ingest, imports,
    // transcribes and the compatibility APIs all insert records, and PATCH date: null falls back the same way.
    await runner.query(`
      CREATE FUNCTION records_date_defaults_to_arrival() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.date := coalesce(NEW.date, NEW.created_at);
        RETURN NEW;
      END
      $$`);
    await runner.query(`
      CREATE TRIGGER records_date_default BEFORE INSERT OR UPDATE OF date ON records
      FOR EACH ROW EXECUTE FUNCTION records_date_defaults_to_arrival()`);
    await runner.query(`UPDATE records SET date = created_at WHERE date IS NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER records_date_default ON records`);
    await runner.query(`DROP FUNCTION records_date_defaults_to_arrival()`);
  }
}
