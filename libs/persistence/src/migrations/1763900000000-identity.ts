import { MigrationInterface, QueryRunner } from 'typeorm';

/** Local user accounts (issue #4) and their rotating refresh tokens (only hashes are stored). */
export class Identity1763900000000 implements MigrationInterface {
  name = 'Identity1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL,
        display_name text NOT NULL,
        password_hash text,
        roles text[] NOT NULL DEFAULT '{}',
        agency_id uuid NOT NULL REFERENCES agency (id),
        active boolean NOT NULL DEFAULT true,
        failed_login_count int NOT NULL DEFAULT 0,
        locked_until timestamptz,
        password_changed_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT app_user_roles_check CHECK (roles <@ ARRAY['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin']::text[])
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX app_user_username_key ON app_user (lower(username))`);
    await queryRunner.query(`CREATE INDEX app_user_agency_idx ON app_user (agency_id)`);
    await queryRunner.query(`
      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        replaced_by uuid REFERENCES refresh_token (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX refresh_token_hash_key ON refresh_token (token_hash)`);
    await queryRunner.query(`CREATE INDEX refresh_token_user_idx ON refresh_token (user_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE refresh_token`);
    await queryRunner.query(`DROP TABLE app_user`);
  }
}
