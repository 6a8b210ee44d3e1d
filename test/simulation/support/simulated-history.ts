import { DossierTrace, ProvinceModel, simulatedDossierFacts, WorkingCalendar } from '@motcua/domain';
import { insertDossierEvent } from '@motcua/persistence';
import type { DataSource } from 'typeorm';

interface HistoryEvent {
  dossierId: string;
  type: string;
  payload: Record<string, unknown>;
  at: number;
}

/**
 * Writes a simulated run (`recordSteps`) as a recorded history: agency, procedure and dossier rows, and the dossier
 * events the engine writes (intake accepted with its appointment, supplement requested / received, result ready or
 * refused) through the real `insertDossierEvent`, in time order. Returns the number of events.
 */
export async function writeSimulatedHistory(
  dataSource: DataSource,
  model: ProvinceModel,
  traces: readonly DossierTrace[],
  calendar: WorkingCalendar,
): Promise<number> {
  const agencies: Array<{ id: string; identifier: string }> = await dataSource.query(
    `INSERT INTO agency (identifier, name, level, path)
     SELECT code, 'Cơ quan ' || code, 'district', '/' FROM unnest($1::text[]) AS code RETURNING id, identifier`,
    [model.agencies.map((agency) => agency.code)],
  );
  const agencyId = new Map(agencies.map((row) => [row.identifier, row.id]));
  const procedures: Array<{ id: string; code: string }> = await dataSource.query(
    `INSERT INTO procedure (code, name, field, level, legal_time_value, legal_time_unit, legal_time_minutes, channels,
       online_level, result_type, rule_set_id)
     SELECT code, 'Thủ tục ' || code, 'Mô phỏng', 'province', 5, 'working-days', 2400, '{in-person,online}',
       'full-online', 'electronic', 'ND118-2025'
     FROM unnest($1::text[]) AS code RETURNING id, code`,
    [model.procedures.map((procedure) => procedure.procedureCode)],
  );
  const procedureId = new Map(procedures.map((row) => [row.code, row.id]));
  const dossiers: Array<{ id: string; code: string }> = await dataSource.query(
    `INSERT INTO dossier (code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name, received_at,
       legal_time_minutes, rule_set_id, lookup_secret_hash)
     SELECT row.code, row.procedure_id, row.agency_id, row.channel, 'received', '{"name":"A"}', 'A', row.received_at,
       row.legal_time, 'ND118-2025', 'x'
     FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::text[], $5::timestamptz[], $6::int[])
       AS row(code, procedure_id, agency_id, channel, received_at, legal_time)
     RETURNING id, code`,
    [
      traces.map((trace) => `SIM-${trace.index}`),
      traces.map((trace) => procedureId.get(trace.procedureCode)),
      traces.map((trace) => agencyId.get(trace.agencyCode)),
      traces.map((trace) => (trace.online ? 'online' : 'in-person')),
      traces.map((trace) => new Date(trace.receivedAtMs)),
      traces.map((trace) => trace.legalTimeMinutes),
    ],
  );
  const dossierId = new Map(dossiers.map((row) => [row.code, row.id]));

  const events: HistoryEvent[] = [];
  for (const trace of traces) {
    const id = dossierId.get(`SIM-${trace.index}`)!;
    const atReception = simulatedDossierFacts(trace, calendar, model.supplementClock, new Date(trace.receivedAtMs));
    events.push({
      dossierId: id,
      type: 'intake-accepted',
      at: trace.receivedAtMs,
      payload: {
        code: `SIM-${trace.index}`,
        procedureId: procedureId.get(trace.procedureCode),
        procedureCode: trace.procedureCode,
        // The simulator does not model results: its procedures are electronic-result ones (dossier-verdict.ts).
        resultType: atReception.resultType,
        channel: trace.online ? 'online' : 'in-person',
        receivedAt: new Date(trace.receivedAtMs).toISOString(),
        appointmentAt: atReception.originalAppointmentAt,
        legalTimeMinutes: trace.legalTimeMinutes,
      },
    });
    for (const wait of trace.supplementWaits) {
      events.push({ dossierId: id, type: 'supplement-requested', at: wait.requestedAtMs, payload: {} });
      if (wait.receivedAtMs === null) continue;
      const facts = simulatedDossierFacts(trace, calendar, model.supplementClock, new Date(wait.receivedAtMs));
      events.push({
        dossierId: id,
        type: 'supplement-received',
        at: wait.receivedAtMs,
        payload: { appointmentAt: facts.currentAppointmentAt },
      });
    }
    if (trace.endedAtMs !== null) {
      events.push({
        dossierId: id,
        type: trace.endKind === 'refused' ? 'refused' : 'result-ready',
        at: trace.endedAtMs,
        payload: {},
      });
    }
  }
  events.sort((a, b) => a.at - b.at);
  for (let start = 0; start < events.length; start += 250) {
    await dataSource.transaction(async (manager) => {
      for (const event of events.slice(start, start + 250)) {
        await insertDossierEvent(manager, {
          dossierId: event.dossierId,
          type: event.type,
          payload: event.payload,
          actor: null,
          occurredAt: new Date(event.at),
        });
      }
    });
  }
  return events.length;
}
