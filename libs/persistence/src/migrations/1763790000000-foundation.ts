import { MigrationInterface, QueryRunner } from 'typeorm';

export class Foundation1763790000000 implements MigrationInterface {
  name = 'Foundation1763790000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_message (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        dedupe_key text UNIQUE,
        deliver_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        publish_count int NOT NULL DEFAULT 0,
        consumed_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_message_unpublished_idx ON outbox_message (id) WHERE published_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX outbox_message_unconsumed_idx ON outbox_message (published_at) WHERE published_at IS NOT NULL AND consumed_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE clock_setting (
        id int PRIMARY KEY CHECK (id = 1),
        offset_ms bigint NOT NULL DEFAULT 0,
        frozen_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`INSERT INTO clock_setting (id) VALUES (1)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE clock_setting`);
    await queryRunner.query(`DROP TABLE outbox_message`);
  }
}
