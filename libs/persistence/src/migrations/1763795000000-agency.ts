import { MigrationInterface, QueryRunner } from 'typeorm';

export class Agency1763795000000 implements MigrationInterface {
  name = 'Agency1763795000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agency (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        identifier text NOT NULL,
        name text NOT NULL,
        level text NOT NULL CHECK (level IN ('province', 'department', 'district', 'commune')),
        parent_id uuid REFERENCES agency (id),
        path text NOT NULL,
        has_desk boolean NOT NULL DEFAULT false,
        address text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX agency_identifier_key ON agency (identifier)`);
    await queryRunner.query(`CREATE INDEX agency_path_idx ON agency (path text_pattern_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE agency`);
  }
}
