import type { DataSource, EntityManager } from 'typeorm';

export interface BulkDossierOptions {
  procedureId: string;
  agencyId: string;
  status?: string;
  /** SQL expression for appointment_at, may use `g` (the series index). */
  appointmentSql?: string;
  receivedSql?: string;
  channelSql?: string;
  codePrefix?: string;
}

/**
 * Inserts `count` dossier rows in one INSERT ... SELECT generate_series (tests and benchmarks that need many
 * dossiers; no events, no ledger). Returns nothing: read the rows back by code prefix if needed.
 */
export async function insertDossierRows(
  target: DataSource | EntityManager,
  count: number,
  options: BulkDossierOptions,
): Promise<void> {
  const prefix = options.codePrefix ?? `BULK-${Date.now().toString(36)}`;
  await target.query(
    `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name,
                          received_at, counting_started_at, appointment_at, original_appointment_at, legal_time_minutes,
                          rule_set_id, lookup_secret_hash)
     SELECT $1 || '-' || g, $2, $3, ${options.channelSql ?? `'in-person'`}, $4, '{"name":"Nguyễn Văn A"}'::jsonb, 'Nguyễn Văn A',
            ${options.receivedSql ?? `now() - interval '10 days'`}, ${options.receivedSql ?? `now() - interval '10 days'`},
            ${options.appointmentSql ?? `now() + interval '5 days'`}, ${options.appointmentSql ?? `now() + interval '5 days'`},
            2400, 'ND61-2018', 'x'
     FROM generate_series(1, $5::int) AS g`,
    [prefix, options.procedureId, options.agencyId, options.status ?? 'processing', count],
  );
}
