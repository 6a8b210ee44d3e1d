import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff administration (issue 10): accounts managed by admins instead of the seed alone — a one-time password
 * forces a change at the next sign-in, and every change to an account is an audit event (who, what, when).
 */
export class StaffAdministration1765040000000 implements MigrationInterface {
  name = 'StaffAdministration1765040000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE app_user ADD COLUMN disabled_at timestamptz`);
    await queryRunner.query(`
      CREATE TABLE user_audit_event (
        id bigserial PRIMARY KEY,
        user_id uuid NOT NULL REFERENCES app_user (id),
        action text NOT NULL CHECK (action IN ('created', 'updated', 'disabled', 'enabled', 'password-reset', 'password-changed')),
        -- The admin (or the user, for their own password change); no foreign key: OIDC actors have no app_user row.
        actor_user_id uuid NOT NULL,
        actor_username text NOT NULL,
        -- What changed (before/after of roles, agency, display name; the reason of a disable). Never a password.
        details jsonb NOT NULL DEFAULT '{}',
        occurred_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX user_audit_event_user_idx ON user_audit_event (user_id, id)`);
    await queryRunner.query(`CREATE INDEX app_user_created_idx ON app_user (created_at, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app_user_created_idx`);
    await queryRunner.query(`DROP TABLE user_audit_event`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN disabled_at`);
    await queryRunner.query(`ALTER TABLE app_user DROP COLUMN must_change_password`);
  }
}
