/**
 * THE home of Vietnam's time zone: Asia/Ho_Chi_Minh is UTC+07:00 all year (no daylight saving time). Local dates
 * (dossier codes, rule sets in force, reports), wall-clock texts (forms, notices, VNPay and national-portal
 * timestamps) and the working calendar all take the offset from here.
 */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VIETNAM_TIME_ZONE_OFFSET_MINUTES = 420;
export const VIETNAM_TIME_ZONE_OFFSET_MS = VIETNAM_TIME_ZONE_OFFSET_MINUTES * 60_000;

/** The instant shifted by the offset, so that its UTC fields (getUTCHours...) read the local wall clock. */
export function localWallClock(instant: Date, offsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES): Date {
  return new Date(instant.getTime() + offsetMinutes * 60_000);
}

/** The local date `YYYY-MM-DD` of an instant (Vietnam unless another offset is given). */
export function localDateAt(instant: Date, offsetMinutes = VIETNAM_TIME_ZONE_OFFSET_MINUTES): string {
  return localWallClock(instant, offsetMinutes).toISOString().slice(0, 10);
}
