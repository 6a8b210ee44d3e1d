import { WorkingCalendar } from '../calendar/working-calendar';
import { complaintDueAt, isComplaintLate } from './complaint-deadline';
import { assertRatable, isSatisfied } from './satisfaction';

describe('complaint deadline in working time', () => {
  const calendar = new WorkingCalendar();

  it('counts working days from reception, skipping the weekend', () => {
    // Friday 2025-11-07 16:00 in Hà Nội (09:00Z), 1 working day → Monday 16:00.
    expect(complaintDueAt(calendar, new Date('2025-11-07T09:00:00Z'), 1).toISOString()).toBe(
      '2025-11-10T09:00:00.000Z',
    );
    // 10 working days from Monday 08:00 → the Monday two weeks later, 08:00.
    expect(complaintDueAt(calendar, new Date('2025-11-03T01:00:00Z'), 10).toISOString()).toBe(
      '2025-11-17T01:00:00.000Z',
    );
  });

  it('starts at the next opening when received outside office hours', () => {
    // Saturday 10:00 → counted from Monday 07:00; 1 working day (8 h across 07:00–11:30, 13:30–17:00) → Monday 17:00.
    const due = complaintDueAt(calendar, new Date('2025-11-08T03:00:00Z'), 1);
    expect(calendar.localDateOf(due)).toBe('2025-11-10');
    expect(calendar.localTimeOf(due)).toBe('17:00');
  });

  it('is late when unanswered past the due instant or answered after it', () => {
    const dueAt = new Date('2025-11-10T09:00:00Z');
    expect(isComplaintLate({ dueAt, answeredAt: null }, new Date('2025-11-10T08:59:00Z'))).toBe(false);
    expect(isComplaintLate({ dueAt, answeredAt: null }, new Date('2025-11-10T09:01:00Z'))).toBe(true);
    expect(isComplaintLate({ dueAt, answeredAt: new Date('2025-11-10T08:00:00Z') }, new Date('2026-01-01'))).toBe(
      false,
    );
    expect(isComplaintLate({ dueAt, answeredAt: new Date('2025-11-11T08:00:00Z') }, new Date('2026-01-01'))).toBe(true);
  });
});

describe('satisfaction rating rules', () => {
  it('only a returned dossier can be rated', () => {
    expect(() => assertRatable('returned')).not.toThrow();
    expect(() => assertRatable('result-ready')).toThrow(expect.objectContaining({ code: 'rating.not-returned' }));
  });

  it('very satisfied and satisfied count as satisfied', () => {
    expect([isSatisfied('very-satisfied'), isSatisfied('satisfied'), isSatisfied('dissatisfied')]).toEqual([
      true,
      true,
      false,
    ]);
  });
});
