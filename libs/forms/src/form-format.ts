import { VIETNAM_TIME_ZONE_OFFSET_MINUTES } from '@motcua/domain';

/** Asia/Ho_Chi_Minh (UTC+7, no daylight saving): the domain's offset. */
export const DEFAULT_TIME_ZONE_OFFSET_MINUTES = VIETNAM_TIME_ZONE_OFFSET_MINUTES;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function localParts(date: Date, offsetMinutes: number): LocalParts {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
  };
}

function twoDigits(value: number): string {
  return value.toString().padStart(2, '0');
}

/** `dd/MM/yyyy` in the given offset. */
export function formatDate(date: Date, offsetMinutes = DEFAULT_TIME_ZONE_OFFSET_MINUTES): string {
  const parts = localParts(date, offsetMinutes);
  return `${twoDigits(parts.day)}/${twoDigits(parts.month)}/${parts.year}`;
}

/** `HH giờ mm phút` in the given offset. */
export function formatTime(date: Date, offsetMinutes = DEFAULT_TIME_ZONE_OFFSET_MINUTES): string {
  const parts = localParts(date, offsetMinutes);
  return `${twoDigits(parts.hour)} giờ ${twoDigits(parts.minute)} phút`;
}

/** `HH giờ mm phút, ngày dd/MM/yyyy` in the given offset. */
export function formatDateTime(date: Date, offsetMinutes = DEFAULT_TIME_ZONE_OFFSET_MINUTES): string {
  return `${formatTime(date, offsetMinutes)}, ngày ${formatDate(date, offsetMinutes)}`;
}

/** `ngày dd tháng MM năm yyyy`, the date line of an administrative document. */
export function formatLongDate(date: Date, offsetMinutes = DEFAULT_TIME_ZONE_OFFSET_MINUTES): string {
  const parts = localParts(date, offsetMinutes);
  return `ngày ${twoDigits(parts.day)} tháng ${twoDigits(parts.month)} năm ${parts.year}`;
}
