import { addCalendarDays, DossierChannel, IndicatorInput, WorkingCalendar } from '@motcua/domain';
import type { EntityManager } from 'typeorm';
import {
  feeBearingProcedureStats,
  IndicatorScope,
  openLevelsAt,
  sumIndicatorCounters,
} from './indicator-query.repository';

const calendar = new WorkingCalendar();

/** A reporting period of local dates (inclusive), with its first and last instants. */
export interface IndicatorPeriod {
  fromDay: string;
  toDay: string;
  start: Date;
  /** The last instant of `toDay` (Asia/Ho_Chi_Minh). */
  end: Date;
}

export function indicatorPeriod(fromDay: string, toDay: string): IndicatorPeriod {
  return {
    fromDay,
    toDay,
    start: calendar.instantAt(fromDay),
    end: new Date(calendar.instantAt(addCalendarDays(toDay, 1)).getTime() - 1),
  };
}

/** What the indicators of a period and scope are computed from: counter sums, open-dossier levels at the end, catalog. */
export async function loadIndicatorInput(
  manager: EntityManager,
  period: IndicatorPeriod,
  scope: IndicatorScope,
): Promise<IndicatorInput> {
  const sums: IndicatorInput['sums'] = {};
  const receivedByChannel: Partial<Record<DossierChannel, number>> = {};
  for (const row of await sumIndicatorCounters(manager, period.fromDay, period.toDay, scope)) {
    sums[row.metric] = (sums[row.metric] ?? 0) + row.value;
    if (row.metric === 'received') receivedByChannel[row.channel] = (receivedByChannel[row.channel] ?? 0) + row.value;
  }
  const [open] = await openLevelsAt(manager, period.toDay, scope);
  const openTotal = open?.open ?? 0;
  const nationalOnTime = openTotal - (open?.nationalLate ?? 0);
  const procedures = await feeBearingProcedureStats(manager, period.fromDay, period.toDay, scope);
  return {
    sums,
    receivedByChannel,
    openAtEnd: { total: openTotal, nationalOnTime },
    feeBearingProcedures: procedures.total,
    feeBearingProceduresPayableOnline: procedures.payableOnline,
    feeBearingProceduresPaidOnline: procedures.paidOnline,
    feeBearingProceduresWithFeeData: procedures.withFeeData,
  };
}
