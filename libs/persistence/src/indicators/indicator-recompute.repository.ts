import { isDeepStrictEqual } from 'node:util';
import {
  DossierFacts,
  foldDossierEvent,
  INDICATOR_EVENT_TYPES,
  IndicatorRuleSet,
  storedContributions,
  SubscriberPosition,
} from '@motcua/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { readStoredRollUp, ROLL_UP_GRAINS, rollUpCounters } from './counter-grain';
import { monthOf } from './counter-period';
import { addDossierDelta, CounterDelta, INDICATOR_SUBSCRIBER_NAME } from './indicator-projection.repository';

const CHUNK = 2000;

export interface IndicatorRecomputation {
  facts: Map<string, DossierFacts>;
  counters: CounterDelta;
}

/**
 * Recomputes every projection from the raw event log alone (no stored projection read): each dossier's events in
 * sequence order up to `upTo` (the subscriber's cursor), folded and turned into counter contributions. Walks the
 * dossiers in id chunks so memory holds one chunk of events at a time.
 */
export async function recomputeIndicatorProjection(
  manager: EntityManager,
  ruleSet: IndicatorRuleSet,
  upTo: SubscriberPosition | null,
): Promise<IndicatorRecomputation> {
  const facts = new Map<string, DossierFacts>();
  const counters: CounterDelta = new Map();
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const rows: Array<{
      dossier_id: string;
      type: string;
      payload: Record<string, unknown>;
      occurred_at: Date;
      receiving_agency_id: string;
      result_type: string;
      handover: 'electronic' | 'paper' | null;
    }> = await manager.query(
      `WITH chunk AS (SELECT id, receiving_agency_id, procedure_id FROM dossier WHERE id > $1 ORDER BY id LIMIT $2)
       SELECT e.dossier_id, e.type, e.payload, e.occurred_at, chunk.receiving_agency_id, p.result_type, st.handover
       FROM chunk JOIN dossier_event e ON e.dossier_id = chunk.id
       JOIN procedure p ON p.id = chunk.procedure_id
       LEFT JOIN step_task st ON e.type = 'step-started' AND st.id::text = e.payload->>'stepTaskId'
       WHERE e.type = ANY($3::text[])
         AND ($4::text IS NULL OR (e.tx_order, e.id) <= ($4::xid8, $5::bigint))
       ORDER BY e.dossier_id, e.sequence`,
      [after, CHUNK, [...INDICATOR_EVENT_TYPES], upTo?.tx ?? null, upTo?.eventId ?? '0'],
    );
    const [last]: Array<{ id: string }> = await manager.query(
      `SELECT max(id::text) AS id FROM (SELECT id FROM dossier WHERE id > $1 ORDER BY id LIMIT $2) chunk`,
      [after, CHUNK],
    );
    for (const row of rows) {
      const next = foldDossierEvent(facts.get(row.dossier_id) ?? null, {
        dossierId: row.dossier_id,
        type: row.type,
        payload: row.payload,
        occurredAt: new Date(row.occurred_at),
        receivingAgencyId: row.receiving_agency_id,
        procedureResultType: row.type === 'intake-accepted' ? row.result_type : undefined,
        stepHandover: row.type === 'step-started' ? row.handover : undefined,
      });
      if (next) facts.set(row.dossier_id, next);
    }
    if (!last?.id) break;
    after = last.id;
  }
  for (const dossier of facts.values()) {
    const contributions = new Map<string, number>();
    for (const c of storedContributions(dossier, ruleSet)) {
      const key = `${c.day}|${c.metric}`;
      contributions.set(key, (contributions.get(key) ?? 0) + c.count);
    }
    addDossierDelta(counters, dossier, contributions);
  }
  return { facts, counters };
}

/** The stored daily counters (non-zero), keyed like a recomputation. */
export async function readStoredCounters(manager: EntityManager): Promise<CounterDelta> {
  const rows: Array<{ key: string; value: string }> = await manager.query(
    `SELECT agency_id || '|' || procedure_id || '|' || channel || '|' || day::text || '|' || metric AS key, value::text
     FROM indicator_daily_counter WHERE value <> 0`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.value)]));
}

/** The stored monthly roll-ups (non-zero), keyed `agency|procedure|channel|month|metric`. */
export async function readStoredMonthlyCounters(manager: EntityManager): Promise<CounterDelta> {
  const rows: Array<{ key: string; value: string }> = await manager.query(
    `SELECT agency_id || '|' || procedure_id || '|' || channel || '|' || month::text || '|' || metric AS key, value::text
     FROM indicator_monthly_counter WHERE value <> 0`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.value)]));
}

/** Daily counters (`agency|procedure|channel|day|metric`) summed by month, keyed like the monthly roll-ups. */
export function rollUpByMonth(daily: CounterDelta): CounterDelta {
  const months: CounterDelta = new Map();
  for (const [key, value] of daily) {
    const [agencyId, procedureId, channel, day, metric] = key.split('|');
    const monthKey = `${agencyId}|${procedureId}|${channel}|${monthOf(day)}|${metric}`;
    months.set(monthKey, (months.get(monthKey) ?? 0) + value);
  }
  return months;
}

/** The keys whose values differ between two counter maps (a missing key counts as 0). */
function compareCounters(
  stored: CounterDelta,
  recomputed: CounterDelta,
): Array<{ key: string; stored: number; recomputed: number }> {
  const differences: Array<{ key: string; stored: number; recomputed: number }> = [];
  for (const key of new Set([...stored.keys(), ...recomputed.keys()])) {
    const a = stored.get(key) ?? 0;
    const b = recomputed.get(key) ?? 0;
    if (a !== b) differences.push({ key, stored: a, recomputed: b });
  }
  return differences;
}

export interface IndicatorProjectionCheck {
  ok: boolean;
  position: SubscriberPosition | null;
  dossiers: number;
  counterRows: number;
  /** Up to 20 differing counters: key, stored, recomputed. */
  counterDifferences: Array<{ key: string; stored: number; recomputed: number }>;
  /** Up to 20 dossiers whose stored facts differ from the recomputation (or are missing on one side). */
  factDifferences: string[];
  /** Level totals (agency|procedure|channel|metric) that differ from the sum of their stored day deltas. */
  levelTotalDifferences: string[];
  /** Up to 20 monthly roll-ups (agency|procedure|channel|month|metric) that differ from the recomputed days of the month. */
  monthlyDifferences: Array<{ key: string; stored: number; recomputed: number }>;
  /** Up to 20 roll-up rows (table: day or month|agency or procedure|channel|metric) that differ from the recomputation. */
  rollUpDifferences: Array<{ key: string; stored: number; recomputed: number }>;
}

/**
 * Compares the stored projections with a recomputation from the raw events up to the subscriber's cursor, in one
 * repeatable-read snapshot (the runner may keep applying meanwhile: the cursor and the projections are read together).
 */
export async function checkIndicatorProjection(
  dataSource: DataSource,
  ruleSet: IndicatorRuleSet,
): Promise<IndicatorProjectionCheck> {
  return dataSource.transaction('REPEATABLE READ', async (manager) => {
    const [cursor]: Array<{ tx: string; id: string }> = await manager.query(
      `SELECT position_tx::text AS tx, position_id::text AS id FROM event_subscriber WHERE name = $1`,
      [INDICATOR_SUBSCRIBER_NAME],
    );
    const position = cursor ? { tx: cursor.tx, eventId: cursor.id } : null;
    const recomputed = position
      ? await recomputeIndicatorProjection(manager, ruleSet, position)
      : { facts: new Map<string, DossierFacts>(), counters: new Map<string, number>() };
    const stored = await readStoredCounters(manager);
    const counterDifferences = compareCounters(stored, recomputed.counters);
    const storedFacts: Array<{ dossier_id: string; facts: DossierFacts }> = await manager.query(
      `SELECT dossier_id, facts FROM indicator_dossier_fact`,
    );
    const factDifferences: string[] = [];
    const seen = new Set<string>();
    for (const row of storedFacts) {
      seen.add(row.dossier_id);
      const other = recomputed.facts.get(row.dossier_id);
      if (!other || !isDeepStrictEqual(other, row.facts)) factDifferences.push(row.dossier_id);
    }
    for (const id of recomputed.facts.keys()) if (!seen.has(id)) factDifferences.push(id);
    const levelTotals: Array<{ key: string }> = await manager.query(
      `SELECT coalesce(t.agency_id, d.agency_id) || '|' || coalesce(t.procedure_id, d.procedure_id) || '|' ||
              coalesce(t.channel, d.channel) || '|' || coalesce(t.metric, d.metric) AS key
       FROM indicator_level_total t
       FULL JOIN (SELECT agency_id, procedure_id, channel, metric, sum(value) AS value FROM indicator_daily_counter
                  WHERE metric LIKE 'level.%' GROUP BY 1, 2, 3, 4) d
         ON d.agency_id = t.agency_id AND d.procedure_id = t.procedure_id AND d.channel = t.channel AND d.metric = t.metric
       WHERE coalesce(t.value, 0) <> coalesce(d.value, 0)`,
    );
    const levelTotalDifferences = levelTotals.map((row) => row.key);
    const monthlyDifferences = compareCounters(
      await readStoredMonthlyCounters(manager),
      rollUpByMonth(recomputed.counters),
    );
    const rollUpDifferences: Array<{ key: string; stored: number; recomputed: number }> = [];
    for (const grain of ROLL_UP_GRAINS) {
      for (const by of ['day', 'month'] as const) {
        const differences = compareCounters(
          await readStoredRollUp(manager, grain, by),
          rollUpCounters(recomputed.counters, grain, by),
        );
        const table = by === 'day' ? grain.daily : grain.monthly;
        rollUpDifferences.push(
          ...differences.map((difference) => ({ ...difference, key: `${table}: ${difference.key}` })),
        );
      }
    }
    return {
      ok:
        counterDifferences.length === 0 &&
        factDifferences.length === 0 &&
        levelTotalDifferences.length === 0 &&
        monthlyDifferences.length === 0 &&
        rollUpDifferences.length === 0,
      position,
      dossiers: recomputed.facts.size,
      counterRows: stored.size,
      counterDifferences: counterDifferences.slice(0, 20),
      factDifferences: factDifferences.slice(0, 20),
      levelTotalDifferences: levelTotalDifferences.slice(0, 20),
      monthlyDifferences: monthlyDifferences.slice(0, 20),
      rollUpDifferences: rollUpDifferences.slice(0, 20),
    };
  });
}

/**
 * Empties the projections and moves the subscriber's cursor back to the start, under the subscriber's advisory
 * lock (waits for a running batch): the runner (or `drain`) then replays the whole log into them.
 */
export async function resetIndicatorProjection(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended('event-subscriber:' || $1, 0))`, [
      INDICATOR_SUBSCRIBER_NAME,
    ]);
    await manager.query(`DELETE FROM indicator_daily_counter`);
    await manager.query(`DELETE FROM indicator_monthly_counter`);
    for (const grain of ROLL_UP_GRAINS) {
      await manager.query(`DELETE FROM ${grain.daily}`);
      await manager.query(`DELETE FROM ${grain.monthly}`);
    }
    await manager.query(`DELETE FROM indicator_level_total`);
    await manager.query(`DELETE FROM indicator_dossier_fact`);
    await manager.query(
      `UPDATE event_subscriber SET position_tx = '0'::xid8, position_id = 0, applied_count = 0 WHERE name = $1`,
      [INDICATOR_SUBSCRIBER_NAME],
    );
  });
}
