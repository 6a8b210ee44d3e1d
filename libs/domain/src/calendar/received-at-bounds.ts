import { DomainError } from '../errors/domain-error';
import { WorkingCalendar } from './working-calendar';

/** How far before "now" a desk may record the reception instant of a dossier (configuration). */
export interface ReceivedAtBounds {
  /**
   * Postal dossiers count as submitted when the postal worker and the desk sign the hand-over record (QĐ 45/2016
   * Art. 7), which may be entered a few days later: at most this many working days before now.
   */
  postalMaxWorkingDays: number;
  /** Other channels: 'same-working-day' (earlier the same local date, e.g. entered after the queue) or 'refuse'. */
  otherChannels: 'same-working-day' | 'refuse';
  /** Tolerance for clock skew, both ways (ms). */
  skewMs?: number;
}

export const DEFAULT_RECEIVED_AT_BOUNDS: Readonly<ReceivedAtBounds> = Object.freeze({
  postalMaxWorkingDays: 3,
  otherChannels: 'same-working-day',
  skewMs: 60_000,
});

function refuse(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('intake.received-at-out-of-bounds', `receivedAt: ${message}`, 'invalid', {
    field: 'receivedAt',
    ...details,
  });
}

/**
 * Checks a declared reception instant against now: never in the future (beyond the skew); postal hand-over records
 * at most `postalMaxWorkingDays` working days old; other channels per `otherChannels`. Throws DomainError 'invalid'.
 */
export function checkReceivedAt(
  receivedAt: Date,
  now: Date,
  channel: string,
  calendar: WorkingCalendar,
  bounds: ReceivedAtBounds = DEFAULT_RECEIVED_AT_BOUNDS,
): void {
  const skew = bounds.skewMs ?? 60_000;
  if (receivedAt.getTime() > now.getTime() + skew) {
    throw refuse(`must not be in the future (now ${now.toISOString()})`, { now: now.toISOString() });
  }
  if (receivedAt.getTime() >= now.getTime() - skew) return;
  if (channel === 'postal') {
    const earliest = calendar.subtractWorkingMinutes(now, bounds.postalMaxWorkingDays * calendar.minutesPerWorkingDay);
    if (receivedAt.getTime() < earliest.getTime()) {
      throw refuse(
        `a postal hand-over record may be at most ${bounds.postalMaxWorkingDays} working day(s) old ` +
          `(earliest ${earliest.toISOString()})`,
        { earliest: earliest.toISOString() },
      );
    }
    return;
  }
  if (bounds.otherChannels === 'refuse') {
    throw refuse(`only a postal hand-over record may be dated before now; a '${channel}' dossier is received now`, {});
  }
  if (calendar.localDateOf(receivedAt) !== calendar.localDateOf(now)) {
    throw refuse(
      `a '${channel}' dossier may be dated earlier the same working day only (today ${calendar.localDateOf(now)})`,
      { today: calendar.localDateOf(now) },
    );
  }
}
