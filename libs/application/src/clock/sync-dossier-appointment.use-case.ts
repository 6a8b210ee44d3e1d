import { DeadlineClockRepository, DossierRepository } from '@motcua/persistence';
import { appendDossierEvent } from '@motcua/platform';
import { EntityManager } from 'typeorm';

/**
 * After a pause of the dossier clock that the applicant caused ended (e.g. waiting for the fee, when the rule set says
 * that time does not count: `paymentClockRule`), the appointment in force is the clock's shifted deadline: the dossier
 * row (printed, shown to the citizen, used by the late lists) and the 'appointment-recomputed' event (the periodic
 * report's "current appointment") follow it, as they do after a supplement and a calendar change. In the caller's
 * transaction, under the dossier lock, right after the resume was recorded (which re-armed the clock). Returns the new
 * appointment, or null when it did not move.
 */
export async function syncDossierAppointment(
  manager: EntityManager,
  input: { dossierId: string; now: Date; reason: string; legalBasis: (ruleSetId: string) => string },
): Promise<Date | null> {
  const [row] = (await manager.query(`SELECT appointment_at, rule_set_id FROM dossier WHERE id = $1`, [
    input.dossierId,
  ])) as Array<{ appointment_at: Date | null; rule_set_id: string }>;
  if (!row?.appointment_at) return null;
  const clock = (await new DeadlineClockRepository(manager).listOfDossier(input.dossierId)).find(
    (armed) => armed.subjectType === 'dossier',
  );
  const deadline = clock?.deadlineAt ?? null;
  const previous = new Date(row.appointment_at);
  if (!deadline || clock?.clockStatus !== 'running' || deadline.getTime() === previous.getTime()) return null;
  await new DossierRepository(manager).moveAppointment(input.dossierId, deadline);
  await appendDossierEvent(manager, {
    dossierId: input.dossierId,
    type: 'appointment-recomputed',
    payload: {
      previousAppointmentAt: previous.toISOString(),
      appointmentAt: deadline.toISOString(),
      reason: input.reason,
      legalBasis: input.legalBasis(row.rule_set_id),
    },
    actor: null,
    occurredAt: input.now,
  });
  return deadline;
}
