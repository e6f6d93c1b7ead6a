import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Drops the users.email = lower(email) check: PostgreSQL's lower() and JavaScript's toLowerCase() disagree on
 * some letters (e.g. 'İ'), so a valid address could fail the check. The application normalises emails; the
 * unique index still keeps one account per stored address.
 */
export class IdentityEmailCheck1795267178817 implements MigrationInterface {
  name = 'IdentityEmailCheck1795267178817';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP CONSTRAINT users_email_lowercase`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD CONSTRAINT users_email_lowercase CHECK (email = lower(email))`,
    );
  }
}
