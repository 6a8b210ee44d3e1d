import type { Schema } from '../api/types';

export type IndicatorsResponse = Schema<'IndicatorsResponseDto'>;
export type IndicatorValue = Schema<'IndicatorValueDto'>;

/** Vietnamese names of the indicators (tiles, chart legend). */
export const INDICATOR_NAMES: Record<string, string> = {
  onTime: 'Giải quyết đúng hạn',
  online: 'Nộp hồ sơ trực tuyến',
  electronicHandover: 'Luân chuyển điện tử',
  onlinePayment: 'Thanh toán trực tuyến',
  digitizedResults: 'Kết quả số hóa',
  reuse: 'Tái sử dụng dữ liệu',
  satisfaction: 'Mức độ hài lòng',
};

const PERCENT = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : PERCENT.format(value);
}

/** YYYY-MM-DD of a local date. */
export function isoDay(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

export function monthStart(date: Date): string {
  return isoDay(new Date(date.getFullYear(), date.getMonth(), 1));
}

/** The last `count` calendar months up to the month of `to` (first and last day of each, and a label). */
export function lastMonths(to: string, count: number): Array<{ from: string; to: string; label: string }> {
  const [year, month] = to.split('-').map(Number);
  const months: Array<{ from: string; to: string; label: string }> = [];
  for (let back = count - 1; back >= 0; back -= 1) {
    const first = new Date(year, month - 1 - back, 1);
    const last = new Date(year, month - back, 0);
    months.push({ from: isoDay(first), to: isoDay(last), label: `${first.getMonth() + 1}/${first.getFullYear()}` });
  }
  return months;
}
