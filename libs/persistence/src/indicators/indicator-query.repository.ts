import type { DossierChannel, DossierFacts, IndicatorMetric } from '@motcua/domain';
import type { EntityManager } from 'typeorm';
import { addCalendarDays } from '@motcua/domain';
import { CounterGrain, counterGrainFor } from './counter-grain';
import { counterParts, END_OF_TIME } from './counter-period';

/** Which dossiers a query counts: agencies (null: all), and optionally one procedure or one field. */
export interface IndicatorScope {
  agencyIds: readonly string[] | null;
  procedureId?: string;
  field?: string;
}

export type IndicatorGroupBy = 'procedure' | 'agency' | 'field';

export interface CounterSumRow {
  /** procedure id, agency id or field name; '' when ungrouped. */
  groupKey: string;
  channel: DossierChannel;
  metric: IndicatorMetric;
  value: number;
}

function scopeSql(scope: IndicatorScope, alias: string, parameters: unknown[]): string {
  const parts: string[] = [];
  if (scope.agencyIds) {
    parameters.push(scope.agencyIds);
    parts.push(`${alias}.agency_id = ANY($${parameters.length}::uuid[])`);
  }
  if (scope.procedureId) {
    parameters.push(scope.procedureId);
    parts.push(`${alias}.procedure_id = $${parameters.length}::uuid`);
  }
  if (scope.field) {
    parameters.push(scope.field);
    parts.push(`${alias}.procedure_id IN (SELECT id FROM procedure WHERE field = $${parameters.length})`);
  }
  return parts.length > 0 ? parts.join(' AND ') : 'TRUE';
}

function groupSql(groupBy: IndicatorGroupBy | null, alias: string): { select: string; join: string } {
  switch (groupBy) {
    case 'procedure':
      return { select: `${alias}.procedure_id::text`, join: '' };
    case 'agency':
      return { select: `${alias}.agency_id::text`, join: '' };
    case 'field':
      return {
        select: 'grp_procedure.field',
        join: `JOIN procedure grp_procedure ON grp_procedure.id = ${alias}.procedure_id`,
      };
    default:
      return { select: `''`, join: '' };
  }
}

/**
 * The counter rows of local days `fromDay`..`toDay` (inclusive) as one SQL source (columns agency_id, procedure_id,
 * channel, metric, value) built from `counterParts`: whole months from the grain's monthly table, the edge days from its
 * daily table (negated where a mostly covered month's left-out days are subtracted), each restricted by
 * `condition(alias)`. A grain without agencies (procedures) gives NULL agency_id (procedure_id): `counterGrainFor`
 * picks one that has every column the condition and the grouping read. Null when the period is empty.
 */
function periodCounterSource(
  fromDay: string,
  toDay: string,
  parameters: unknown[],
  condition: (alias: string) => string,
  grain: CounterGrain,
): string | null {
  const parts = counterParts(fromDay, toDay).map((part) => {
    parameters.push(part.from, part.to);
    const [table, alias, column] = part.table === 'daily' ? [grain.daily, 'c', 'day'] : [grain.monthly, 'm', 'month'];
    const agency = grain.hasAgency ? `${alias}.agency_id` : 'NULL::uuid AS agency_id';
    const procedure = grain.hasProcedure ? `${alias}.procedure_id` : 'NULL::uuid AS procedure_id';
    return `SELECT ${agency}, ${procedure}, ${alias}.channel, ${alias}.metric,
              ${part.sign === -1 ? '-' : ''}${alias}.value AS value
       FROM ${table} ${alias}
       WHERE ${alias}.${column} BETWEEN $${parameters.length - 1}::date AND $${parameters.length}::date
         AND ${condition(alias)}`;
  });
  return parts.length > 0 ? parts.join(' UNION ALL ') : null;
}

/**
 * Sums the flow counters (not the level deltas) of local days `fromDay`..`toDay` (inclusive), per channel and metric
 * (and group): whole months from the monthly roll-ups, the days at the edges from the daily rows, both of the
 * smallest grain that answers the scope and grouping (`counterGrainFor`). The cost is the number of those rows in
 * scope (at most about a month of days plus one row per month, per agency or procedure × channel × metric for the
 * roll-up grains), whatever the length of history and the number of dossiers.
 */
export async function sumIndicatorCounters(
  manager: EntityManager,
  fromDay: string,
  toDay: string,
  scope: IndicatorScope,
  groupBy: IndicatorGroupBy | null = null,
): Promise<CounterSumRow[]> {
  const parameters: unknown[] = [];
  const source = periodCounterSource(
    fromDay,
    toDay,
    parameters,
    (alias) => `${alias}.metric NOT LIKE 'level.%' AND ${scopeSql(scope, alias, parameters)}`,
    counterGrainFor({ ...scope, groupBy }),
  );
  if (!source) return [];
  const group = groupSql(groupBy, 'c');
  const rows: Array<{ group_key: string; channel: DossierChannel; metric: IndicatorMetric; value: string }> =
    await manager.query(
      `SELECT ${group.select} AS group_key, c.channel, c.metric, sum(c.value)::text AS value
       FROM (${source}) AS c ${group.join}
       GROUP BY 1, 2, 3`,
      parameters,
    );
  return rows.map((row) => ({
    groupKey: row.group_key ?? '',
    channel: row.channel,
    metric: row.metric,
    value: Number(row.value),
  }));
}

export interface OpenLevelRow {
  /** procedure id, agency id or field name; '' when ungrouped. */
  groupKey: string;
  /** Open at the end of the day. */
  open: number;
  /** Open and late for the national index (QĐ 766) at the end of the day. */
  nationalLate: number;
  /** Open and overdue for the periodic report at the end of the day. */
  overdue: number;
}

/**
 * Where the dossiers in scope stand at the end of local day `day`, per group: the level totals minus the level
 * deltas of the days after `day` (the rest of its month, later months from the monthly roll-ups). The cost is the
 * number of level rows of at most half a month of days plus those months (the open backlog's due days ahead fall in a
 * few months), not the number of dossiers nor the number of days since `day`.
 */
export async function openLevelsAt(
  manager: EntityManager,
  day: string,
  scope: IndicatorScope,
  groupBy: IndicatorGroupBy | null = null,
): Promise<OpenLevelRow[]> {
  // The deltas after `day`, future ones included: the rest of its month (day by day, or its roll-up minus the days up
  // to `day`), then every later month rolled up.
  const parameters: unknown[] = [];
  const totalScope = scopeSql(scope, 't', parameters);
  const deltas = periodCounterSource(
    addCalendarDays(day, 1),
    END_OF_TIME,
    parameters,
    (alias) => `${alias}.metric LIKE 'level.%' AND ${scopeSql(scope, alias, parameters)}`,
    counterGrainFor({ ...scope, groupBy }),
  );
  const totalGroup = groupSql(groupBy, 't');
  const deltaGroup = groupSql(groupBy, 'c');
  const rows: Array<{ group_key: string; open: string; late: string; overdue: string }> = await manager.query(
    `SELECT group_key,
            sum(value) FILTER (WHERE metric = 'level.open')::text AS open,
            sum(value) FILTER (WHERE metric = 'level.national-late')::text AS late,
            sum(value) FILTER (WHERE metric = 'level.overdue')::text AS overdue
     FROM (
       SELECT ${totalGroup.select} AS group_key, t.metric, t.value
       FROM indicator_level_total t ${totalGroup.join} WHERE ${totalScope}
       UNION ALL
       SELECT ${deltaGroup.select} AS group_key, c.metric, -c.value FROM (${deltas}) AS c ${deltaGroup.join}
     ) AS levels
     GROUP BY 1`,
    parameters,
  );
  return rows
    .map((row) => ({
      groupKey: row.group_key ?? '',
      open: Number(row.open ?? 0),
      nationalLate: Number(row.late ?? 0),
      overdue: Number(row.overdue ?? 0),
    }))
    .filter((row) => row.open !== 0 || row.nationalLate !== 0 || row.overdue !== 0);
}

/**
 * One page of the facts of every dossier counted in a period (received by its end, and open or adding to a counter
 * after its start), in reception order.
 */
export async function listPeriodFacts(
  manager: EntityManager,
  from: Date,
  to: Date,
  scope: IndicatorScope,
  page: { offset: number; limit: number },
): Promise<{ total: number; items: DossierFacts[] }> {
  const parameters: unknown[] = [from, to];
  const where = scopeSql(scope, 'f', parameters);
  const condition = `f.received_at <= $2 AND (f.ended_at IS NULL OR f.last_fact_at >= $1) AND ${where}`;
  const [{ total }]: Array<{ total: string }> = await manager.query(
    `SELECT count(*)::text AS total FROM indicator_dossier_fact f WHERE ${condition}`,
    parameters,
  );
  const rows: Array<{ facts: DossierFacts }> = await manager.query(
    `SELECT f.facts FROM indicator_dossier_fact f WHERE ${condition}
     ORDER BY f.received_at, f.dossier_id OFFSET $${parameters.length + 1} LIMIT $${parameters.length + 2}`,
    [...parameters, page.offset, page.limit],
  );
  return { total: Number(total), items: rows.map((row) => row.facts) };
}

/** Fee-bearing procedures in scope (catalog), with their online level and whether the period saw fees / online payments. */
export async function feeBearingProcedureStats(
  manager: EntityManager,
  fromDay: string,
  toDay: string,
  scope: IndicatorScope,
): Promise<{ total: number; payableOnline: number; paidOnline: number; withFeeData: number }> {
  const parameters: unknown[] = [];
  const source = periodCounterSource(
    fromDay,
    toDay,
    parameters,
    (alias) => `${alias}.metric IN ('paid.online', 'fee.requested') AND ${scopeSql(scope, alias, parameters)}`,
    counterGrainFor({ ...scope, groupBy: 'procedure' }),
  );
  const procedureFilters: string[] = [
    `(p.fee_rule->>'mode') <> 'none'`,
    `COALESCE((p.fee_rule->>'amount')::numeric, 0) > 0`,
  ];
  if (scope.procedureId) {
    parameters.push(scope.procedureId);
    procedureFilters.push(`p.id = $${parameters.length}::uuid`);
  }
  if (scope.field) {
    parameters.push(scope.field);
    procedureFilters.push(`p.field = $${parameters.length}`);
  }
  // Flow counters are never negative: a procedure saw fees / online payments in the period when their sum is positive
  // (roll-ups and subtracted edge days included).
  const [row]: Array<{ total: string; payable: string; paid: string; with_fee: string }> = await manager.query(
    `WITH seen AS (
       SELECT c.procedure_id, coalesce(sum(c.value) FILTER (WHERE c.metric = 'paid.online'), 0) > 0 AS paid_online,
              coalesce(sum(c.value) FILTER (WHERE c.metric = 'fee.requested'), 0) > 0 AS fee
       FROM (${source ?? 'SELECT NULL::uuid AS procedure_id, NULL::text AS metric, 0::bigint AS value WHERE FALSE'}) AS c
       GROUP BY c.procedure_id)
     SELECT count(*)::text AS total,
            count(*) FILTER (WHERE p.online_level <> 'none')::text AS payable,
            count(*) FILTER (WHERE seen.paid_online)::text AS paid,
            count(*) FILTER (WHERE seen.fee)::text AS with_fee
     FROM procedure p LEFT JOIN seen ON seen.procedure_id = p.id
     WHERE ${procedureFilters.join(' AND ')}`,
    parameters,
  );
  return {
    total: Number(row.total),
    payableOnline: Number(row.payable),
    paidOnline: Number(row.paid),
    withFeeData: Number(row.with_fee),
  };
}
