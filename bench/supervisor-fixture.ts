/**
 * The supervisor bench's dossiers and their indicator projections (issue 15 acceptance 5). Every dossier's facts are
 * generated here from its number n (the lifecycle a folded event log would give: received, supplement, fee and
 * payment, electronic hand-over, result, return, rating, withdrawal or refusal); the counters are written by the
 * projection's own code: `storedContributions` (the rule set's contributions of each dossier's facts),
 * `addDossierDelta` and `addCounters` (the daily counters, the monthly roll-ups and the level totals, the SQL the
 * event subscriber runs), and the open dossiers' facts rows by `saveFacts`. The dossier rows are inserted in bulk by
 * SQL from the same n (`closedDossierSql`, `openDossierSql`) and sampled against the generated facts.
 */
import { addCalendarDays, DossierFacts, IndicatorRuleSet, storedContributions } from '@motcua/domain';
import { addCounters, addDossierDelta, CounterDelta, saveFacts } from '@motcua/persistence';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export const TODAY = '2031-06-02';
export const NOW = new Date('2031-06-02T03:00:00Z');
export const HISTORY_DAYS = 3 * 365;
/** Closed dossiers are received up to this many days before today (their lifecycles end before today). */
const CLOSED_GAP_DAYS = 12;
/** Open dossiers are received in the last this many days. */
const OPEN_DAYS = 60;
const CHANNELS = ['in-person', 'online', 'postal'] as const;

export interface FixtureShape {
  dossiers: number;
  open: number;
  agencyIds: readonly string[];
  procedureIds: readonly string[];
}

const historyStart = addCalendarDays(TODAY, -HISTORY_DAYS);
const closedDays = HISTORY_DAYS - CLOSED_GAP_DAYS;

/** The instant of local day `day` at local hour `hour` (UTC+7), as ISO. */
function at(day: string, hour: number, plusDays = 0): string {
  return new Date(Date.parse(`${addCalendarDays(day, plusDays)}T00:00:00Z`) + (hour - 7) * 3_600_000).toISOString();
}

/** The id the SQL gives dossier n: `md5('sq-' || n)::uuid`. */
export function benchDossierId(n: number): string {
  return createHash('md5')
    .update(`sq-${n}`)
    .digest('hex')
    .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

function identity(n: number, shape: FixtureShape) {
  return {
    code: `SQ-${n}`,
    agencyId: shape.agencyIds[(n * 5) % shape.agencyIds.length],
    procedureId: shape.procedureIds[n % shape.procedureIds.length],
    channel: CHANNELS[n % 3],
  };
}

/** Days after the history start of dossier n's local day of reception. */
function receptionDayOffset(n: number, shape: FixtureShape): number {
  if (n <= shape.open) return HISTORY_DAYS - 1 - Math.floor(((n - 1) * OPEN_DAYS) / shape.open);
  return Math.floor(((n - shape.open - 1) * closedDays) / (shape.dossiers - shape.open));
}

/** Local day of reception and local hour (08:00–15:00) of dossier n. */
export function receptionOf(n: number, shape: FixtureShape): { day: string; hour: number } {
  return { day: addCalendarDays(historyStart, receptionDayOffset(n, shape)), hour: 8 + (Math.floor(n / 30) % 8) };
}

/**
 * What dossier n's facts depend on besides its identity: the day and hour of reception, the channel, and the lifecycle
 * (closed) or the open variant (n mod 20). Dossiers with the same key have the same facts but for code, agency and
 * procedure.
 */
function variantKey(n: number, shape: FixtureShape): string {
  const variant = n <= shape.open ? `o${n % 20}` : `c${Math.floor(n / 3) % 10}`;
  return `${variant}|${n % 3}|${receptionDayOffset(n, shape)}|${Math.floor(n / 30) % 8}`;
}

/** The facts of dossier n (ids as the SQL writes them are not part of what the rule set reads). */
export function dossierFacts(n: number, shape: FixtureShape, dossierId = ''): DossierFacts {
  const { code, agencyId, procedureId, channel } = identity(n, shape);
  const { day, hour } = receptionOf(n, shape);
  const receivedAt = at(day, hour);
  // Closed dossiers vary by lifecycle, hour and channel only (a few hundred distinct facts a day, memoized below).
  const lifecycle = Math.floor(n / 3) % 10;
  const fee = n <= shape.open ? n % 2 === 0 : lifecycle % 2 === 0;
  const facts: DossierFacts = {
    dossierId,
    code,
    procedureId,
    procedureCode: '1.0',
    agencyId,
    channel,
    resultType: 'electronic',
    receivedAt,
    originalAppointmentAt: at(day, hour, 7),
    currentAppointmentAt: at(day, hour, 7),
    legalTimeMinutes: 2400,
    endedAt: null,
    endKind: null,
    returnedAt: null,
    supplementWaits: [],
    feeAmount: fee ? 50_000 : 0,
    feeRequestedAt: fee ? at(day, hour + 1) : null,
    paymentChannel: null,
    paidAt: null,
    handovers: [],
    lastStepAgencyId: null,
    digitizedResult: false,
    reusedAt: null,
    ratedAt: null,
    satisfied: null,
  };
  if (fee) {
    facts.paymentChannel = channel === 'online' || hour % 2 === 0 ? 'online' : 'desk';
    facts.paidAt = at(day, hour + 2);
  }
  if (n <= shape.open) {
    // Open: half due a week after reception (late by now for most), half in 70 days; one in ten asked for a
    // supplement the next day, received two days later or (one in twenty) still owed.
    facts.originalAppointmentAt = facts.currentAppointmentAt = at(day, hour, n % 2 === 0 ? 7 : 70);
    if (n % 10 === 0) {
      const receivedBack = at(day, hour, 3);
      const owed = n % 20 === 0 || Date.parse(receivedBack) > NOW.getTime();
      facts.supplementWaits = [{ requestedAt: at(day, hour, 1), receivedAt: owed ? null : receivedBack }];
      if (!owed) facts.currentAppointmentAt = at(day, hour, n % 2 === 0 ? 9 : 72);
    }
    return facts;
  }
  facts.handovers = [{ at: at(day, hour, 1), electronic: channel !== 'in-person' || hour % 2 === 0 }];
  const end = (kind: DossierFacts['endKind'], days: number, endHour = 10) => {
    facts.endKind = kind;
    facts.endedAt = at(day, endHour, days);
    if (kind === 'result') {
      facts.returnedAt = at(day, endHour + 1, days);
      facts.digitizedResult = lifecycle < 6;
      if (lifecycle < 2) {
        facts.ratedAt = at(day, endHour + 2, days);
        facts.satisfied = lifecycle === 0;
      }
    }
  };
  if (lifecycle <= 3) end('result', 3);
  else if (lifecycle <= 5) end('result', 7, 9);
  else if (lifecycle === 6) end('result', 9);
  else if (lifecycle === 7) {
    facts.supplementWaits = [{ requestedAt: at(day, hour, 1), receivedAt: at(day, hour, 3) }];
    facts.currentAppointmentAt = at(day, hour, 9);
    if (hour === 9) facts.supplementWaits.push({ requestedAt: at(day, hour, 4), receivedAt: at(day, hour, 5) });
    end('result', 8);
  } else if (lifecycle === 8) end('withdrawn', 2);
  else end('refused', 4);
  if (lifecycle === 3) facts.reusedAt = receivedAt;
  return facts;
}

/** Columns the SQL below shares: n's agency, procedure, channel and reception instant (UTC+7 local hour 8–15). */
const commonColumns = `md5('sq-' || n)::uuid, 'SQ-' || n, ($1::uuid[])[1 + (n % $2)::int], ($3::uuid[])[1 + ((n * 5) % $4)::int],
  (ARRAY['in-person', 'online', 'postal'])[1 + (n % 3)::int]`;
const reception = (dayExpression: string) =>
  `((${dayExpression})::date + make_interval(hours => 8 + ((n / 30) % 8)::int - 7))::timestamp AT TIME ZONE 'UTC'`;

/** INSERT of the closed dossiers n in [$7, $8] (returned, withdrawn or refused), matching `dossierFacts`. */
export function closedDossierSql(): string {
  return `INSERT INTO dossier (id, code, procedure_id, receiving_agency_id, channel, status, applicant, applicant_name,
      received_at, counting_started_at, appointment_at, original_appointment_at, legal_time_minutes, rule_set_id, lookup_secret_hash)
    SELECT ${commonColumns},
      CASE (n / 3) % 10 WHEN 8 THEN 'withdrawn' WHEN 9 THEN 'refused' ELSE 'returned' END,
      '{"name":"Bench"}'::jsonb, 'Bench ' || n, received, received,
      received + CASE WHEN (n / 3) % 10 = 7 THEN interval '9 days' ELSE interval '7 days' END, received + interval '7 days',
      2400, 'ND118-2025', 'x'
    FROM generate_series($7::bigint, $8::bigint) AS n,
    LATERAL (SELECT ${reception(`$5::date + (((n - $9 - 1) * $6) / ($10 - $9))::int`)} AS received) AS r`;
}

export function closedDossierParameters(shape: FixtureShape, from: number, to: number): unknown[] {
  return [
    shape.procedureIds,
    shape.procedureIds.length,
    shape.agencyIds,
    shape.agencyIds.length,
    historyStart,
    closedDays,
    from,
    to,
    shape.open,
    shape.dossiers,
  ];
}

/** INSERT of the open dossiers from their stored facts rows (status from n; appointment in force from the facts). */
export const openDossierSql = `INSERT INTO dossier (id, code, procedure_id, receiving_agency_id, channel, status, applicant,
    applicant_name, received_at, counting_started_at, appointment_at, original_appointment_at, legal_time_minutes, rule_set_id, lookup_secret_hash)
  SELECT f.dossier_id, f.facts->>'code', f.procedure_id, f.agency_id, f.channel,
    CASE WHEN f.facts->'supplementWaits'->0->>'requestedAt' IS NOT NULL AND f.facts->'supplementWaits'->0->>'receivedAt' IS NULL
         THEN 'awaiting-supplement' ELSE (ARRAY['processing', 'received', 'awaiting-payment'])[1 + (substr(f.facts->>'code', 4)::bigint % 3)::int] END,
    '{"name":"Bench"}'::jsonb, 'Bench', f.received_at, f.received_at, (f.facts->>'currentAppointmentAt')::timestamptz,
    (f.facts->>'originalAppointmentAt')::timestamptz, 2400, 'ND118-2025', 'x'
  FROM indicator_dossier_fact f`;

/**
 * Writes the indicator projections of dossiers 1..shape.dossiers through the projection's code: the counter deltas of
 * up to 4M counter keys are summed in memory, then written by `addCounters` in chunks of 200,000 keys; the open
 * dossiers' facts rows by `saveFacts` every 5,000. `progress(n)` after every 100,000th dossier, `progress(-k)` after k
 * counter keys written. Contributions are memoized by the facts without their identity
 * (agency, procedure, code, id: the rule set reads instants, channel and amounts only), checked every 5,000th
 * dossier against a direct computation. Returns the number of memo entries and of sampled checks.
 */
export async function writeIndicatorProjections(
  manager: EntityManager,
  shape: FixtureShape,
  ruleSet: IndicatorRuleSet,
  dossierIds: (n: number) => string,
  progress: (done: number) => void,
): Promise<{ shapes: number; checked: number }> {
  const memo = new Map<string, { template: string; contributions: Map<string, number> }>();
  const contributionsOf = (facts: DossierFacts) => {
    const result = new Map<string, number>();
    for (const c of storedContributions(facts, ruleSet)) {
      const key = `${c.day}|${c.metric}`;
      result.set(key, (result.get(key) ?? 0) + c.count);
    }
    return result;
  };
  const anonymous = (facts: DossierFacts) =>
    JSON.stringify({ ...facts, dossierId: '', code: '', agencyId: '', procedureId: '' });
  let delta: CounterDelta = new Map();
  let openFacts: DossierFacts[] = [];
  let checked = 0;
  // Counters are written in chunks of a large batch: every counter key (day × agency × procedure × channel × metric)
  // is upserted once or twice in the whole build instead of once per few days of receptions (the 10M build spent its
  // time in those repeated upserts). addCounters adds, so any chunking gives the same rows.
  const flushCounters = async () => {
    let chunk: CounterDelta = new Map();
    let written = 0;
    for (const [key, value] of delta) {
      chunk.set(key, value);
      if (chunk.size >= 200_000) {
        await addCounters(manager, chunk);
        written += chunk.size;
        chunk = new Map();
        progress(-written);
      }
    }
    await addCounters(manager, chunk);
    delta = new Map();
  };
  for (let n = 1; n <= shape.dossiers; n++) {
    const key = variantKey(n, shape);
    let memoized = memo.get(key);
    if (!memoized) {
      const facts = dossierFacts(n, shape);
      memoized = { template: anonymous(facts), contributions: contributionsOf(facts) };
      memo.set(key, memoized);
    }
    if (n % 5000 === 0) {
      // The key holds everything the facts depend on: same facts but for identity, same contributions.
      const facts = dossierFacts(n, shape, dossierIds(n));
      const direct = contributionsOf(facts);
      if (
        anonymous(facts) !== memoized.template ||
        JSON.stringify([...direct]) !== JSON.stringify([...memoized.contributions])
      ) {
        throw new Error(`memoized facts or contributions differ for dossier ${n}`);
      }
      checked += 1;
    }
    const { agencyId, procedureId, channel } = identity(n, shape);
    addDossierDelta(delta, { agencyId, procedureId, channel } as DossierFacts, memoized.contributions);
    if (n <= shape.open) openFacts.push(dossierFacts(n, shape, dossierIds(n)));
    if (openFacts.length >= 5000) {
      await saveFacts(manager, openFacts);
      openFacts = [];
    }
    if (delta.size >= 4_000_000) await flushCounters();
    if (n % 100_000 === 0) progress(n);
  }
  await saveFacts(manager, openFacts);
  await flushCounters();
  return { shapes: memo.size, checked };
}
