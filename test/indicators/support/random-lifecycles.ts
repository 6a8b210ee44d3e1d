import type { DataSource } from 'typeorm';
import { insertDossierEvent } from '@motcua/persistence';

/** Small seeded PRNG (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PlannedEvent {
  dossierId: string;
  type: string;
  payload: Record<string, unknown>;
  at: Date;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CHANNELS = ['in-person', 'online', 'postal'];

/**
 * Random lifecycles over bare dossier rows: accepted in a 60-day window, steps at random agencies, zero to two
 * supplement requests (a pending one at the end sometimes), apologies, fees paid online or at the desk, digitized
 * results, reuses, ratings, and an end as a result (returned or not), a refusal, a withdrawal, or none.
 */
export function planLifecycles(
  random: () => number,
  dossiers: ReadonlyArray<{ id: string; procedureId: string }>,
  agencyIds: readonly string[],
  start: Date,
): PlannedEvent[][] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return dossiers.map(({ id, procedureId }, index) => {
    const events: PlannedEvent[] = [];
    let t = start.getTime() + Math.floor(random() * 60 * DAY);
    const push = (type: string, payload: Record<string, unknown> = {}) => {
      events.push({ dossierId: id, type, payload, at: new Date(t) });
      t += Math.floor(random() * 2 * DAY) + HOUR;
    };
    const appointment = new Date(t + Math.floor((1 + random() * 9) * DAY));
    // The result type pinned at reception; absent in a quarter of the events (written before it was pinned): the
    // fold then reads the procedure's ('paper' in the randomized test).
    const resultType = random() < 0.25 ? undefined : pick(['paper', 'electronic', 'both']);
    push('intake-accepted', {
      ...(resultType ? { resultType } : {}),
      code: `RND-${index}`,
      procedureId,
      procedureCode: '1.000001',
      channel: pick(CHANNELS),
      receivedAt: new Date(t).toISOString(),
      appointmentAt: appointment.toISOString(),
      legalTimeMinutes: 2400,
    });
    push('step-started', { agencyId: pick(agencyIds), stepTaskId: null });
    if (random() < 0.3) push('document-reused', { documentId: `doc-${index}` });
    const supplements = random() < 0.3 ? (random() < 0.3 ? 2 : 1) : 0;
    for (let n = 0; n < supplements; n += 1) {
      push('supplement-requested', { stepId: 'appraisal' });
      if (n === supplements - 1 && random() < 0.2) return events; // still waiting for the applicant
      push('supplement-received', { appointmentAt: new Date(appointment.getTime() + (n + 1) * DAY).toISOString() });
    }
    push('step-started', { agencyId: pick(agencyIds), stepTaskId: null });
    if (random() < 0.1)
      push('apology-issued', { newAppointmentAt: new Date(appointment.getTime() + 3 * DAY).toISOString() });
    if (random() < 0.4) {
      push('payment-requested', { amount: pick([0, 50000, 100000]) });
      if (random() < 0.8) push('payment-paid', { channel: random() < 0.4 ? 'online' : 'desk' });
    }
    const ending = random();
    if (ending < 0.6) {
      if (random() < 0.5) push('result-attached', { digitized: random() < 0.7 });
      push('result-ready');
      if (random() < 0.6) push('result-returned');
      if (random() < 0.3)
        push('satisfaction-rated', { level: random() < 0.8 ? 'satisfied' : 'dissatisfied', criteria: [], via: 'link' });
    } else if (ending < 0.7) push('refused');
    else if (ending < 0.8) push('withdrawn');
    return events;
  });
}

/**
 * Appends the planned events interleaved across dossiers (each dossier's in order), `perTransaction` to a
 * transaction, through the real `insertDossierEvent` (hash chain, tx_order; no routing wake-up). `between` runs after each transaction.
 */
export async function writeInterleaved(
  dataSource: DataSource,
  random: () => number,
  plans: PlannedEvent[][],
  perTransaction: number,
  between?: (written: number) => Promise<void>,
): Promise<number> {
  const cursors = plans.map(() => 0);
  const live = plans.map((_, index) => index).filter((index) => plans[index].length > 0);
  let written = 0;
  while (live.length > 0) {
    await dataSource.transaction(async (manager) => {
      for (let n = 0; n < perTransaction && live.length > 0; n += 1) {
        const slot = Math.floor(random() * live.length);
        const plan = plans[live[slot]];
        const next = plan[cursors[live[slot]]++];
        await insertDossierEvent(manager, {
          dossierId: next.dossierId,
          type: next.type,
          payload: next.payload,
          actor: null,
          occurredAt: next.at,
        });
        written += 1;
        if (cursors[live[slot]] >= plan.length) live.splice(slot, 1);
      }
    });
    if (between) await between(written);
  }
  return written;
}
