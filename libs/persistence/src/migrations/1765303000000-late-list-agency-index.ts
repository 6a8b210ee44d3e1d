import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15 acceptance 5: the late / near-due list of a small scope (a commune) read 683 ms at 1M stored dossiers
 * (23 ms at 300k). The only index giving its agency was `dossier_agency_received_idx (receiving_agency_id,
 * received_at)`, over every dossier the agency ever received, so the list read the agency's whole history and sorted
 * it; the other plan, `dossier_open_appointment_idx` in appointment order, filters out the other agencies' rows. This
 * partial index holds only dossiers whose clock runs (the list's own condition, constants written as the query
 * writes them), per receiving agency in appointment order: a scope's list reads its own open dossiers, whatever the
 * history.
 */
export class LateListAgencyIndex1765303000000 implements MigrationInterface {
  name = 'LateListAgencyIndex1765303000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX dossier_running_agency_appointment_idx ON dossier (receiving_agency_id, appointment_at, id)
      WHERE status IN ('received', 'processing', 'awaiting-payment') AND appointment_at IS NOT NULL
        AND parent_dossier_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX dossier_running_agency_appointment_idx`);
  }
}
