import { VIETNAM_TIME_ZONE } from '@motcua/domain';

/**
 * THE SQL form of Vietnam's time zone (its home is libs/domain `calendar/vietnam-time.ts`): `(<expr> AT TIME ZONE
 * 'Asia/Ho_Chi_Minh')`. Given a timestamptz it gives the local wall clock (a timestamp: local dates, years,
 * `to_char`); given a local timestamp it gives the instant (a local day's start). A named zone, not an offset, so
 * Postgres' sign convention for POSIX offsets ('UTC+7' means 7 hours WEST) cannot bite.
 * test/foundation/one-home-rules.spec.ts fails for the zone's name or a +07 offset written in other source.
 */
export function atVietnamTime(sqlExpression: string): string {
  return `(${sqlExpression} AT TIME ZONE '${VIETNAM_TIME_ZONE}')`;
}
