import { DomainError } from '../errors/domain-error';
import { checkReceivedAt } from './received-at-bounds';
import { WorkingCalendar } from './working-calendar';

const calendar = new WorkingCalendar();
const at = (date: string, time: string) => calendar.instantAt(date, time);
const now = at('2026-11-26', '10:00'); // Thursday

function outcome(receivedAt: Date, channel: string, otherChannels: 'same-working-day' | 'refuse' = 'same-working-day') {
  try {
    checkReceivedAt(receivedAt, now, channel, calendar, { postalMaxWorkingDays: 3, otherChannels });
    return 'accepted';
  } catch (error) {
    return (error as DomainError).code;
  }
}

describe('checkReceivedAt (back-dated receipts)', () => {
  it('refuses 1999 and the future on every channel', () => {
    for (const channel of ['postal', 'in-person', 'online']) {
      expect(outcome(new Date('1999-01-01T02:00:00Z'), channel)).toBe('intake.received-at-out-of-bounds');
      expect(outcome(at('2026-11-26', '10:05'), channel)).toBe('intake.received-at-out-of-bounds');
    }
  });

  it('postal: up to 3 working days back (Thu 10:00 → Mon 10:00), weekends not counted', () => {
    expect(outcome(at('2026-11-23', '10:00'), 'postal')).toBe('accepted');
    expect(outcome(at('2026-11-23', '09:59'), 'postal')).toBe('intake.received-at-out-of-bounds');
    expect(outcome(at('2026-11-21', '10:00'), 'postal')).toBe('intake.received-at-out-of-bounds'); // Saturday
  });

  it('other channels: the same working day only, or refused by configuration', () => {
    expect(outcome(at('2026-11-26', '07:30'), 'in-person')).toBe('accepted');
    expect(outcome(at('2026-11-25', '16:30'), 'in-person')).toBe('intake.received-at-out-of-bounds');
    expect(outcome(at('2026-11-26', '07:30'), 'in-person', 'refuse')).toBe('intake.received-at-out-of-bounds');
    expect(outcome(new Date(now.getTime() - 30_000), 'in-person', 'refuse')).toBe('accepted'); // within the skew
  });
});
