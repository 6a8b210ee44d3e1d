import { addCalendarDays } from '../calendar/working-calendar';
import type { DossierFacts, SupplementWaitFact } from './dossier-facts';
import { openDossierStateAt } from './indicator-contributions';
import { QD766_2022 } from './indicator-rules';
import { dossierLevelContributions, nationalLateFrom, OpenLevelMetric } from './open-level-contributions';

/** The last instant of a local day (Asia/Ho_Chi_Minh), as a period end. */
const endOf = (day: string) => new Date(`${day}T23:59:59.999+07:00`);

function levelsAt(facts: DossierFacts, day: string): Record<OpenLevelMetric, number> {
  const levels = { 'level.open': 0, 'level.national-late': 0, 'level.overdue': 0 };
  for (const c of dossierLevelContributions(facts, QD766_2022))
    if (c.day <= day) levels[c.metric as OpenLevelMetric] += c.count;
  return levels;
}

/** Park–Miller generator: the same draw on every run. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 48271) % 2147483647) / 2147483647;
}

function randomFacts(random: () => number): DossierFacts {
  const base = Date.parse('2031-03-02T00:00:00Z');
  const hour = 3_600_000;
  const pick = (hours: number) => Math.floor(random() * hours) * hour + Math.floor(random() * 4) * 15 * 60_000;
  const received = base + pick(24 * 10);
  const appointment = random() < 0.1 ? null : received + pick(24 * 12) - (random() < 0.05 ? 3 * 24 * hour : 0);
  const waits: SupplementWaitFact[] = [];
  let cursor = received;
  const count = random() < 0.5 ? 0 : 1 + Math.floor(random() * 3);
  for (let i = 0; i < count; i++) {
    const requested = cursor + pick(24 * 4);
    const receivedBack = random() < 0.25 && i === count - 1 ? null : requested + pick(24 * 5) + hour;
    waits.push({
      requestedAt: new Date(requested).toISOString(),
      receivedAt: receivedBack === null ? null : new Date(receivedBack).toISOString(),
    });
    if (receivedBack === null) break;
    cursor = receivedBack;
  }
  const ended = random() < 0.5 ? Math.max(cursor, received) + pick(24 * 15) : null;
  const current = appointment === null ? null : appointment + (random() < 0.3 ? pick(24 * 6) : 0);
  return {
    dossierId: 'd',
    code: 'X',
    procedureId: 'p',
    procedureCode: '1',
    agencyId: 'a',
    channel: 'online',
    resultType: 'paper',
    receivedAt: new Date(received).toISOString(),
    originalAppointmentAt: appointment === null ? null : new Date(appointment).toISOString(),
    currentAppointmentAt: current === null ? null : new Date(current).toISOString(),
    legalTimeMinutes: 2400,
    endedAt: ended === null ? null : new Date(ended).toISOString(),
    endKind: ended === null ? null : 'result',
    returnedAt: null,
    supplementWaits: waits,
    feeAmount: 0,
    feeRequestedAt: null,
    paymentChannel: null,
    paidAt: null,
    handovers: [],
    lastStepAgencyId: null,
    digitizedResult: false,
    reusedAt: null,
    ratedAt: null,
    satisfied: null,
  };
}

describe('level contributions (where unfinished dossiers stand at the end of a day)', () => {
  it('sum, up to any day, to what openDossierStateAt says at the end of that day (800 random dossiers × 30 days)', () => {
    const random = seeded(20261126);
    let open = 0;
    let late = 0;
    let overdue = 0;
    for (let n = 0; n < 800; n++) {
      const facts = randomFacts(random);
      for (let offset = 0; offset < 30; offset++) {
        const day = addCalendarDays('2031-03-01', offset);
        const state = openDossierStateAt(facts, endOf(day), QD766_2022);
        const expected = {
          'level.open': state.open ? 1 : 0,
          'level.national-late': state.open && state.nationalOnTime === false ? 1 : 0,
          'level.overdue': state.open && state.report === 'overdue' ? 1 : 0,
        };
        const actual = levelsAt(facts, day);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          throw new Error(
            `day ${day}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)} for ${JSON.stringify(facts)}`,
          );
        }
        open += expected['level.open'];
        late += expected['level.national-late'];
        overdue += expected['level.overdue'];
      }
    }
    // The draw covers every state (the comparison above is not vacuous).
    expect(open).toBeGreaterThan(3_000);
    expect(late).toBeGreaterThan(300);
    expect(overdue).toBeGreaterThan(300);
  });

  it('judges a dossier waiting for a supplement at the request, and late from the minute after the shifted appointment', () => {
    const facts = randomFacts(seeded(7));
    const waiting: DossierFacts = {
      ...facts,
      receivedAt: '2031-03-03T01:00:00.000Z',
      originalAppointmentAt: '2031-03-05T01:00:00.000Z',
      supplementWaits: [{ requestedAt: '2031-03-04T01:00:00.000Z', receivedAt: '2031-03-06T01:00:00.000Z' }],
      endedAt: null,
    };
    // Two days of waiting push the appointment from the 5th to the 7th.
    // Judged to the minute: 01:00:59.999 is still the appointment's minute, late from 01:01.
    expect(nationalLateFrom(waiting, QD766_2022)).toBe(Date.parse('2031-03-07T01:01:00.000Z'));
    expect(
      nationalLateFrom(
        { ...waiting, supplementWaits: [{ ...waiting.supplementWaits[0], receivedAt: null }] },
        QD766_2022,
      ),
    ).toBeNull();
  });
});
