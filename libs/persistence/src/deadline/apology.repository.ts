import { EntityManager } from 'typeorm';

export interface DossierApology {
  id: string;
  dossierId: string;
  issuedAt: Date;
  reason: string;
  responsibleUnit: string;
  responsibleAgencyId: string | null;
  originalAppointmentAt: Date;
  newAppointmentAt: Date;
  newAppointmentPlace: string;
  ruleSetId: string;
  issuedByUserId: string | null;
  /** When it was issued relative to the deadline it moved (a late apology is allowed and marked). */
  timing: 'before-lead-time' | 'after-lead-time' | 'after-deadline';
}

interface ApologyRow {
  id: string;
  dossier_id: string;
  issued_at: Date;
  reason: string;
  responsible_unit: string;
  responsible_agency_id: string | null;
  original_appointment_at: Date;
  new_appointment_at: Date;
  new_appointment_place: string;
  rule_set_id: string;
  issued_by_user_id: string | null;
  timing: DossierApology['timing'];
}

function toApology(row: ApologyRow): DossierApology {
  return {
    id: row.id,
    dossierId: row.dossier_id,
    issuedAt: new Date(row.issued_at),
    reason: row.reason,
    responsibleUnit: row.responsible_unit,
    responsibleAgencyId: row.responsible_agency_id,
    originalAppointmentAt: new Date(row.original_appointment_at),
    newAppointmentAt: new Date(row.new_appointment_at),
    newAppointmentPlace: row.new_appointment_place,
    ruleSetId: row.rule_set_id,
    issuedByUserId: row.issued_by_user_id,
    timing: row.timing,
  };
}

/** Apologies (form 04) of a dossier, oldest first. */
export async function listDossierApologies(manager: EntityManager, dossierId: string): Promise<DossierApology[]> {
  const rows: ApologyRow[] = await manager.query(
    `SELECT * FROM dossier_apology WHERE dossier_id = $1 ORDER BY issued_at, created_at`,
    [dossierId],
  );
  return rows.map(toApology);
}

export async function insertDossierApology(
  manager: EntityManager,
  apology: Omit<DossierApology, 'id'>,
): Promise<DossierApology> {
  const rows: ApologyRow[] = await manager.query(
    `INSERT INTO dossier_apology (dossier_id, issued_at, reason, responsible_unit, responsible_agency_id, original_appointment_at,
                                  new_appointment_at, new_appointment_place, rule_set_id, issued_by_user_id, timing)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
    [
      apology.dossierId,
      apology.issuedAt,
      apology.reason,
      apology.responsibleUnit,
      apology.responsibleAgencyId,
      apology.originalAppointmentAt,
      apology.newAppointmentAt,
      apology.newAppointmentPlace,
      apology.ruleSetId,
      apology.issuedByUserId,
      apology.timing,
    ],
  );
  return toApology(rows[0]);
}
