import { VIETNAM_TIME_ZONE_OFFSET_MS } from '@motcua/domain';

/** VNPay dates are `yyyyMMddHHmmss` in GMT+7 (Vietnam time: no daylight saving time). */
const GMT7_OFFSET_MS = VIETNAM_TIME_ZONE_OFFSET_MS;

export function formatVnpayDate(instant: Date): string {
  const local = new Date(instant.getTime() + GMT7_OFFSET_MS);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return (
    pad(local.getUTCFullYear(), 4) +
    pad(local.getUTCMonth() + 1) +
    pad(local.getUTCDate()) +
    pad(local.getUTCHours()) +
    pad(local.getUTCMinutes()) +
    pad(local.getUTCSeconds())
  );
}

/** The instant of a `yyyyMMddHHmmss` GMT+7 date, or null when the text is not such a date. */
export function parseVnpayDate(text: unknown): Date | null {
  if (typeof text !== 'string' || !/^\d{14}$/.test(text)) return null;
  const [year, month, day, hour, minute, second] = [
    text.slice(0, 4),
    text.slice(4, 6),
    text.slice(6, 8),
    text.slice(8, 10),
    text.slice(10, 12),
    text.slice(12, 14),
  ].map(Number);
  const utc = Date.UTC(year, month - 1, day, hour, minute, second) - GMT7_OFFSET_MS;
  const instant = new Date(utc);
  return formatVnpayDate(instant) === text ? instant : null;
}
