import type { DossierChannel } from '../dossier/dossier-channel';
import type { IndicatorMetric } from './indicator-contributions';

/**
 * One row of the periodic report "Tình hình, kết quả giải quyết TTHC" (DOMAIN.md, columns as provincial systems
 * implement them). Balance: carriedOver + received = resolved + withdrawn + inProgress.
 */
export interface ResolutionReportRow {
  key: string;
  label: string;
  received: { total: number; online: number; inPersonOrPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; late: number };
  withdrawn: number;
  inProgress: { total: number; withinTime: number; overdue: number };
}

export function emptyReportRow(key: string, label: string): ResolutionReportRow {
  return {
    key,
    label,
    received: { total: 0, online: 0, inPersonOrPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, late: 0 },
    withdrawn: 0,
    inProgress: { total: 0, withinTime: 0, overdue: 0 },
  };
}

/** Adds a counter sum of the period (one metric, one channel) to a row. */
export function addCounterToRow(
  row: ResolutionReportRow,
  metric: IndicatorMetric,
  channel: DossierChannel,
  n: number,
): void {
  switch (metric) {
    case 'received':
      row.received.total += n;
      // The received total counts the period's new dossiers; carried over is its own column.
      if (channel === 'online') row.received.online += n;
      else row.received.inPersonOrPostal += n;
      return;
    case 'resolved.early':
      row.resolved.early += n;
      row.resolved.total += n;
      return;
    case 'resolved.on-time':
      row.resolved.onTime += n;
      row.resolved.total += n;
      return;
    case 'resolved.late':
      row.resolved.late += n;
      row.resolved.total += n;
      return;
    case 'withdrawn':
      row.withdrawn += n;
      return;
    default:
      return;
  }
}

/** Adds an unfinished dossier at the period's end to a row. */
export function addOpenToRow(row: ResolutionReportRow, state: 'within-time' | 'overdue'): void {
  row.inProgress.total += 1;
  if (state === 'overdue') row.inProgress.overdue += 1;
  else row.inProgress.withinTime += 1;
}

/** Adds the unfinished dossiers of a group at the period's end (from the level metrics) to a row. */
export function addOpenLevelsToRow(row: ResolutionReportRow, open: number, overdue: number): void {
  row.inProgress.total += open;
  row.inProgress.overdue += overdue;
  row.inProgress.withinTime += open - overdue;
}

/** The sum of rows (the report's total line). */
export function totalReportRow(rows: readonly ResolutionReportRow[], label = 'Tổng cộng'): ResolutionReportRow {
  const total = emptyReportRow('total', label);
  for (const row of rows) {
    total.received.total += row.received.total;
    total.received.online += row.received.online;
    total.received.inPersonOrPostal += row.received.inPersonOrPostal;
    total.received.carriedOver += row.received.carriedOver;
    total.resolved.total += row.resolved.total;
    total.resolved.early += row.resolved.early;
    total.resolved.onTime += row.resolved.onTime;
    total.resolved.late += row.resolved.late;
    total.withdrawn += row.withdrawn;
    total.inProgress.total += row.inProgress.total;
    total.inProgress.withinTime += row.inProgress.withinTime;
    total.inProgress.overdue += row.inProgress.overdue;
  }
  return total;
}

/** Column headers of the report in Vietnamese, in the order of `reportRowCells`. */
export const RESOLUTION_REPORT_HEADERS = [
  'Nhóm',
  'Tiếp nhận: tổng số',
  'Tiếp nhận: trực tuyến',
  'Tiếp nhận: trực tiếp và bưu chính',
  'Tiếp nhận: kỳ trước chuyển sang',
  'Đã giải quyết: tổng số',
  'Đã giải quyết: trước hạn',
  'Đã giải quyết: đúng hạn',
  'Đã giải quyết: quá hạn',
  'Rút hồ sơ',
  'Đang giải quyết: tổng số',
  'Đang giải quyết: trong hạn',
  'Đang giải quyết: quá hạn',
] as const;

export function reportRowCells(row: ResolutionReportRow): Array<string | number> {
  return [
    row.label,
    row.received.total,
    row.received.online,
    row.received.inPersonOrPostal,
    row.received.carriedOver,
    row.resolved.total,
    row.resolved.early,
    row.resolved.onTime,
    row.resolved.late,
    row.withdrawn,
    row.inProgress.total,
    row.inProgress.withinTime,
    row.inProgress.overdue,
  ];
}
