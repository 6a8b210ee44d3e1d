import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Citizen feedback (issue 14): one satisfaction rating per dossier (the primary key refuses a second one), and
 * complaints (phản ánh, kiến nghị) about a dossier or an agency, assigned to an agency with a working-time due
 * instant, answered once.
 */
export class CitizenFeedback1765030000001 implements MigrationInterface {
  name = 'CitizenFeedback1765030000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE satisfaction_rating (
        dossier_id uuid PRIMARY KEY REFERENCES dossier (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        level text NOT NULL CHECK (level IN ('very-satisfied', 'satisfied', 'dissatisfied')),
        criteria jsonb NOT NULL DEFAULT '{}',
        comment text,
        via text NOT NULL CHECK (via IN ('link', 'desk')),
        recorded_by uuid,
        rated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX satisfaction_rating_agency_idx ON satisfaction_rating (agency_id, rated_at)`);
    await queryRunner.query(`
      CREATE TABLE complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subject text NOT NULL CHECK (subject IN ('dossier', 'agency')),
        dossier_id uuid REFERENCES dossier (id),
        agency_id uuid NOT NULL REFERENCES agency (id),
        complainant_name text NOT NULL,
        complainant_contact text,
        content text NOT NULL,
        status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'answered')),
        received_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        answer text,
        answered_at timestamptz,
        answered_by uuid,
        CHECK ((subject = 'dossier') = (dossier_id IS NOT NULL)),
        CHECK ((status = 'answered') = (answered_at IS NOT NULL AND answer IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX complaint_agency_idx ON complaint (agency_id, received_at)`);
    await queryRunner.query(`CREATE INDEX complaint_open_due_idx ON complaint (due_at) WHERE status = 'received'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE complaint`);
    await queryRunner.query(`DROP TABLE satisfaction_rating`);
  }
}
