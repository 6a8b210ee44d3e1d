import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A revision number for the working calendar, changed by every statement that writes calendar_day (statement
 * trigger). Processes cache the loaded calendar under it (CalendarRepository): one tiny read per request instead
 * of loading and parsing the whole table. Taken from a sequence, so a number is never reused, not even after a
 * rolled-back edit whose uncommitted calendar a process may have seen in that edit's own transaction.
 */
export class CalendarRevision1765102000000 implements MigrationInterface {
  name = 'CalendarRevision1765102000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE calendar_revision_seq`);
    await queryRunner.query(
      `CREATE TABLE calendar_revision (
         singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
         revision bigint NOT NULL DEFAULT nextval('calendar_revision_seq'))`,
    );
    await queryRunner.query(`INSERT INTO calendar_revision DEFAULT VALUES`);
    await queryRunner.query(
      `CREATE FUNCTION calendar_revision_bump() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         UPDATE calendar_revision SET revision = nextval('calendar_revision_seq');
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER calendar_day_revision AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON calendar_day
       FOR EACH STATEMENT EXECUTE FUNCTION calendar_revision_bump()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER calendar_day_revision ON calendar_day`);
    await queryRunner.query(`DROP FUNCTION calendar_revision_bump()`);
    await queryRunner.query(`DROP TABLE calendar_revision`);
    await queryRunner.query(`DROP SEQUENCE calendar_revision_seq`);
  }
}
