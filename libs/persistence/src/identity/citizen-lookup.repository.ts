import { EntityManager } from 'typeorm';

/** What a citizen may learn about a dossier, plus the hash their secret is checked against. */
export interface CitizenDossierRow {
  code: string;
  status: string;
  lookupSecretHash: string;
  procedureName: string;
  receivingAgencyName: string;
  receivedAt: Date;
  appointmentAt: Date | null;
  stepsTotal: number;
  stepsCompleted: number;
}

/** The citizen lookup read (dossier code + lookup secret, no account). */
export class CitizenLookupRepository {
  constructor(private readonly manager: EntityManager) {}

  async findByCode(code: string): Promise<CitizenDossierRow | null> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT d.code, d.status, d.lookup_secret_hash, p.name AS procedure_name, a.name AS agency_name, d.received_at, d.appointment_at,
              (SELECT count(*)::int FROM step_task s WHERE s.dossier_id = d.id) AS steps_total,
              (SELECT count(*)::int FROM step_task s WHERE s.dossier_id = d.id AND s.completed_at IS NOT NULL) AS steps_completed
       FROM dossier d JOIN procedure p ON p.id = d.procedure_id JOIN agency a ON a.id = d.receiving_agency_id
       WHERE d.code = $1`,
      [code],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      code: row.code as string,
      status: row.status as string,
      lookupSecretHash: row.lookup_secret_hash as string,
      procedureName: row.procedure_name as string,
      receivingAgencyName: row.agency_name as string,
      receivedAt: row.received_at as Date,
      appointmentAt: (row.appointment_at as Date | null) ?? null,
      stepsTotal: row.steps_total as number,
      stepsCompleted: row.steps_completed as number,
    };
  }
}
