import { isDeepStrictEqual } from 'node:util';
import {
  contributionDelta,
  DossierFacts,
  foldDossierEvent,
  INDICATOR_EVENT_TYPES,
  IndicatorEvent,
  IndicatorRuleSet,
  lastContributionAt,
} from '@motcua/domain';
import type { EntityManager } from 'typeorm';
import { addRollUpCounters } from './counter-grain';
import { monthOf } from './counter-period';

/** The event subscriber's persistent name (its cursor row). WARNING: never rename. */
export const INDICATOR_SUBSCRIBER_NAME = 'indicators';

export interface RawIndicatorEvent {
  dossierId: string;
  type: string;
  payload: Record<string, unknown>;
  occurredAt: Date;
}

/** key `dossier|agency|procedure|channel|day|metric` → change. */
export type CounterDelta = Map<string, number>;

/** Adds a dossier's counter delta to a batch delta. */
export function addDossierDelta(into: CounterDelta, facts: DossierFacts, delta: Map<string, number>): void {
  for (const [dayMetric, value] of delta) {
    const key = `${facts.agencyId}|${facts.procedureId}|${facts.channel}|${dayMetric}`;
    into.set(key, (into.get(key) ?? 0) + value);
  }
}

/**
 * Loads the attributes the fold needs from other records: receiving agency (and, for intake events written before
 * their payload pinned it, the procedure's result type) and step hand-over kind.
 */
async function enrich(manager: EntityManager, events: readonly RawIndicatorEvent[]): Promise<IndicatorEvent[]> {
  const accepted = [...new Set(events.filter((e) => e.type === 'intake-accepted').map((e) => e.dossierId))];
  const stepIds = [
    ...new Set(
      events
        .filter((e) => e.type === 'step-started' && typeof e.payload.stepTaskId === 'string')
        .map((e) => e.payload.stepTaskId as string),
    ),
  ];
  const agencies = new Map<string, string>();
  const resultTypes = new Map<string, string>();
  if (accepted.length > 0) {
    const rows: Array<{ id: string; receiving_agency_id: string; result_type: string }> = await manager.query(
      `SELECT d.id, d.receiving_agency_id, p.result_type
       FROM dossier d JOIN procedure p ON p.id = d.procedure_id WHERE d.id = ANY($1::uuid[])`,
      [accepted],
    );
    for (const row of rows) {
      agencies.set(row.id, row.receiving_agency_id);
      resultTypes.set(row.id, row.result_type);
    }
  }
  const handovers = new Map<string, 'electronic' | 'paper'>();
  if (stepIds.length > 0) {
    const rows: Array<{ id: string; handover: 'electronic' | 'paper' }> = await manager.query(
      `SELECT id, handover FROM step_task WHERE id = ANY($1::uuid[])`,
      [stepIds],
    );
    for (const row of rows) handovers.set(row.id, row.handover);
  }
  return events.map((event) => ({
    ...event,
    receivingAgencyId: agencies.get(event.dossierId) ?? null,
    procedureResultType: event.type === 'intake-accepted' ? (resultTypes.get(event.dossierId) ?? null) : undefined,
    stepHandover:
      event.type === 'step-started' ? (handovers.get(event.payload.stepTaskId as string) ?? null) : undefined,
  }));
}

/**
 * Applies a batch of dossier events to the projections inside the caller's transaction (the subscriber's, which
 * moves its cursor in the same commit): folds each dossier's facts, writes the changed facts rows and adds the
 * difference of the dossiers' counter contributions to the daily counters.
 */
export async function applyIndicatorEvents(
  manager: EntityManager,
  events: readonly RawIndicatorEvent[],
  ruleSet: IndicatorRuleSet,
): Promise<void> {
  const relevant = events.filter((event) => (INDICATOR_EVENT_TYPES as readonly string[]).includes(event.type));
  if (relevant.length === 0) return;
  const dossierIds = [...new Set(relevant.map((event) => event.dossierId))];
  const stored: Array<{ dossier_id: string; facts: DossierFacts }> = await manager.query(
    `SELECT dossier_id, facts FROM indicator_dossier_fact WHERE dossier_id = ANY($1::uuid[]) FOR UPDATE`,
    [dossierIds],
  );
  const before = new Map<string, DossierFacts | null>(stored.map((row) => [row.dossier_id, row.facts]));
  const after = new Map(before);
  for (const event of await enrich(manager, relevant)) {
    after.set(event.dossierId, foldDossierEvent(after.get(event.dossierId) ?? null, event));
  }
  const delta: CounterDelta = new Map();
  const changed: DossierFacts[] = [];
  for (const dossierId of dossierIds) {
    const previous = before.get(dossierId) ?? null;
    const next = after.get(dossierId) ?? null;
    if (!next || isDeepStrictEqual(previous, next)) continue;
    changed.push(next);
    addDossierDelta(delta, next, contributionDelta(previous, next, ruleSet));
  }
  await saveFacts(manager, changed);
  await addCounters(manager, delta);
}

export async function saveFacts(manager: EntityManager, facts: readonly DossierFacts[]): Promise<void> {
  if (facts.length === 0) return;
  await manager.query(
    `INSERT INTO indicator_dossier_fact
       (dossier_id, agency_id, procedure_id, channel, received_at, ended_at, last_fact_at, facts)
     SELECT (f->>'dossierId')::uuid, (f->>'agencyId')::uuid, (f->>'procedureId')::uuid, f->>'channel',
            (f->>'receivedAt')::timestamptz, (f->>'endedAt')::timestamptz, l.last_fact_at, f
     FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(f, n)
     JOIN unnest($2::timestamptz[]) WITH ORDINALITY AS l(last_fact_at, n) ON l.n = t.n
     ON CONFLICT (dossier_id) DO UPDATE
       SET ended_at = EXCLUDED.ended_at, last_fact_at = EXCLUDED.last_fact_at, facts = EXCLUDED.facts`,
    [JSON.stringify(facts), facts.map((dossier) => lastContributionAt(dossier))],
  );
}

export async function addCounters(manager: EntityManager, delta: CounterDelta): Promise<void> {
  const entries = [...delta].filter(([, value]) => value !== 0);
  if (entries.length === 0) return;
  // Sorted keys: concurrent writers (a rebuild, a runner) lock counter rows in one order.
  entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const columns = entries.map(([key]) => key.split('|'));
  await manager.query(
    `INSERT INTO indicator_daily_counter AS c (agency_id, procedure_id, channel, day, metric, value)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::date[], $5::text[], $6::bigint[])
     ON CONFLICT (day, agency_id, procedure_id, channel, metric) DO UPDATE SET value = c.value + EXCLUDED.value`,
    [
      columns.map((c) => c[0]),
      columns.map((c) => c[1]),
      columns.map((c) => c[2]),
      columns.map((c) => c[3]),
      columns.map((c) => c[4]),
      entries.map(([, value]) => value),
    ],
  );
  await addMonthlyCounters(manager, entries);
  await addRollUpCounters(manager, entries);
  await addLevelTotals(manager, entries);
}

/**
 * Keeps `indicator_monthly_counter` equal to the sum of the month's daily counters: the same deltas, rolled up by
 * month, in the same transaction (sorted keys, like the daily rows).
 */
async function addMonthlyCounters(manager: EntityManager, entries: ReadonlyArray<[string, number]>): Promise<void> {
  const months = new Map<string, number>();
  for (const [key, value] of entries) {
    const [agencyId, procedureId, channel, day, metric] = key.split('|');
    const monthKey = `${monthOf(day)}|${agencyId}|${procedureId}|${channel}|${metric}`;
    months.set(monthKey, (months.get(monthKey) ?? 0) + value);
  }
  const rows = [...months].filter(([, value]) => value !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return;
  const columns = rows.map(([key]) => key.split('|'));
  await manager.query(
    `INSERT INTO indicator_monthly_counter AS m (month, agency_id, procedure_id, channel, metric, value)
     SELECT * FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::bigint[])
     ON CONFLICT (month, agency_id, procedure_id, channel, metric) DO UPDATE SET value = m.value + EXCLUDED.value`,
    [
      columns.map((c) => c[0]),
      columns.map((c) => c[1]),
      columns.map((c) => c[2]),
      columns.map((c) => c[3]),
      columns.map((c) => c[4]),
      rows.map(([, value]) => value),
    ],
  );
}

/** Keeps `indicator_level_total` (per agency × procedure × channel × level metric) equal to the sum of its day deltas. */
async function addLevelTotals(manager: EntityManager, entries: ReadonlyArray<[string, number]>): Promise<void> {
  const totals = new Map<string, number>();
  for (const [key, value] of entries) {
    const [agencyId, procedureId, channel, , metric] = key.split('|');
    if (!metric.startsWith('level.')) continue;
    const groupKey = `${agencyId}|${procedureId}|${channel}|${metric}`;
    totals.set(groupKey, (totals.get(groupKey) ?? 0) + value);
  }
  const rows = [...totals].filter(([, value]) => value !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return;
  const columns = rows.map(([key]) => key.split('|'));
  await manager.query(
    `INSERT INTO indicator_level_total AS t (agency_id, procedure_id, channel, metric, value)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::bigint[])
     ON CONFLICT (agency_id, procedure_id, channel, metric) DO UPDATE SET value = t.value + EXCLUDED.value`,
    [
      columns.map((c) => c[0]),
      columns.map((c) => c[1]),
      columns.map((c) => c[2]),
      columns.map((c) => c[3]),
      rows.map(([, value]) => value),
    ],
  );
}
