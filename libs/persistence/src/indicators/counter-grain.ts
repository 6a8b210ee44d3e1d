import type { EntityManager } from 'typeorm';
import { monthOf } from './counter-period';

/**
 * The counter tables a period sum can read (migrations 1765202000000 and 1765303000001). Every grain holds the same
 * counters (day or month × channel × metric, flows and level deltas), summed over the dimensions it drops:
 * - `full`: agency × procedure (`indicator_daily_counter`, `indicator_monthly_counter`);
 * - `agency`: per agency, every procedure summed;
 * - `procedure`: per procedure, every agency summed.
 * A 12-month sum over a province reads 12 rows per procedure (or agency) × channel × metric from a roll-up grain
 * instead of 12 per agency × procedure × channel × metric.
 */
export interface CounterGrain {
  name: 'full' | 'agency' | 'procedure';
  daily: string;
  monthly: string;
  hasAgency: boolean;
  hasProcedure: boolean;
}

export const FULL_GRAIN: CounterGrain = {
  name: 'full',
  daily: 'indicator_daily_counter',
  monthly: 'indicator_monthly_counter',
  hasAgency: true,
  hasProcedure: true,
};

export const AGENCY_GRAIN: CounterGrain = {
  name: 'agency',
  daily: 'indicator_agency_daily_counter',
  monthly: 'indicator_agency_monthly_counter',
  hasAgency: true,
  hasProcedure: false,
};

export const PROCEDURE_GRAIN: CounterGrain = {
  name: 'procedure',
  daily: 'indicator_procedure_daily_counter',
  monthly: 'indicator_procedure_monthly_counter',
  hasAgency: false,
  hasProcedure: true,
};

/** The roll-up grains `addCounters` keeps in step with the full counters. */
export const ROLL_UP_GRAINS: readonly CounterGrain[] = [AGENCY_GRAIN, PROCEDURE_GRAIN];

/** What a period sum filters and groups on (see IndicatorScope and IndicatorGroupBy). */
export interface GrainNeeds {
  agencyIds: readonly string[] | null;
  procedureId?: string;
  field?: string;
  groupBy: 'procedure' | 'agency' | 'field' | null;
}

/**
 * The smallest grain that answers a sum: without agencies when every agency is in scope and nothing groups by
 * agency; without procedures when no procedure or field filters or groups; the full counters otherwise (an agency
 * subtree by procedure or field, or one procedure within a subtree).
 */
export function counterGrainFor(needs: GrainNeeds): CounterGrain {
  const needsAgency = needs.agencyIds !== null || needs.groupBy === 'agency';
  const needsProcedure =
    needs.procedureId !== undefined ||
    needs.field !== undefined ||
    needs.groupBy === 'procedure' ||
    needs.groupBy === 'field';
  if (!needsAgency) return PROCEDURE_GRAIN;
  if (!needsProcedure) return AGENCY_GRAIN;
  return FULL_GRAIN;
}

/**
 * Adds the full counters' deltas (`agency|procedure|channel|day|metric` → change) to the roll-up grains, daily and
 * monthly, in the caller's transaction (sorted keys, like the full counters, so concurrent writers lock in one order).
 */
export async function addRollUpCounters(
  manager: EntityManager,
  entries: ReadonlyArray<[string, number]>,
): Promise<void> {
  for (const grain of ROLL_UP_GRAINS) {
    const days = new Map<string, number>();
    const months = new Map<string, number>();
    for (const [key, value] of entries) {
      const [agencyId, procedureId, channel, day, metric] = key.split('|');
      const dimension = grain.hasAgency ? agencyId : procedureId;
      const dayKey = `${day}|${dimension}|${channel}|${metric}`;
      const monthKey = `${monthOf(day)}|${dimension}|${channel}|${metric}`;
      days.set(dayKey, (days.get(dayKey) ?? 0) + value);
      months.set(monthKey, (months.get(monthKey) ?? 0) + value);
    }
    const dimensionColumn = grain.hasAgency ? 'agency_id' : 'procedure_id';
    await upsertRollUp(manager, grain.daily, 'day', dimensionColumn, days);
    await upsertRollUp(manager, grain.monthly, 'month', dimensionColumn, months);
  }
}

async function upsertRollUp(
  manager: EntityManager,
  table: string,
  dateColumn: 'day' | 'month',
  dimensionColumn: string,
  values: Map<string, number>,
): Promise<void> {
  const rows = [...values].filter(([, value]) => value !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length === 0) return;
  const columns = rows.map(([key]) => key.split('|'));
  await manager.query(
    `INSERT INTO ${table} AS r (${dateColumn}, ${dimensionColumn}, channel, metric, value)
     SELECT * FROM unnest($1::date[], $2::uuid[], $3::text[], $4::text[], $5::bigint[])
     ON CONFLICT (${dateColumn}, ${dimensionColumn}, channel, metric) DO UPDATE SET value = r.value + EXCLUDED.value`,
    [
      columns.map((c) => c[0]),
      columns.map((c) => c[1]),
      columns.map((c) => c[2]),
      columns.map((c) => c[3]),
      rows.map(([, value]) => value),
    ],
  );
}

/** The full daily counters (`agency|procedure|channel|day|metric`) summed into a grain's rows, keyed `date|dimension|channel|metric`. */
export function rollUpCounters(
  daily: Map<string, number>,
  grain: CounterGrain,
  by: 'day' | 'month',
): Map<string, number> {
  const result = new Map<string, number>();
  for (const [key, value] of daily) {
    const [agencyId, procedureId, channel, day, metric] = key.split('|');
    const rollUpKey = `${by === 'day' ? day : monthOf(day)}|${grain.hasAgency ? agencyId : procedureId}|${channel}|${metric}`;
    result.set(rollUpKey, (result.get(rollUpKey) ?? 0) + value);
  }
  return result;
}

/** A roll-up table's non-zero rows, keyed `date|dimension|channel|metric` like `rollUpCounters`. */
export async function readStoredRollUp(
  manager: EntityManager,
  grain: CounterGrain,
  by: 'day' | 'month',
): Promise<Map<string, number>> {
  const dimension = grain.hasAgency ? 'agency_id' : 'procedure_id';
  const table = by === 'day' ? grain.daily : grain.monthly;
  const rows: Array<{ key: string; value: string }> = await manager.query(
    `SELECT ${by}::text || '|' || ${dimension} || '|' || channel || '|' || metric AS key, value::text
     FROM ${table} WHERE value <> 0`,
  );
  return new Map(rows.map((row) => [row.key, Number(row.value)]));
}
