import { WorkingCalendar } from '../calendar/working-calendar';
import { classifyStepByClock } from './on-time-classification';

const calendar = new WorkingCalendar();
const at = (date: string, time: string) => calendar.instantAt(date, time);

describe('classifyStepByClock (control slip verdict against the step clock)', () => {
  // A 4-working-hour desk step started Tue 2025-03-11 14:00: 3 h until 17:00, then 1 h from 07:00 the next
  // morning → deadline Wed 2025-03-12 08:00 (office hours 07:00–11:30, 13:30–17:00).
  const start = at('2025-03-11', '14:00');
  const deadline = calendar.addWorkingMinutes(start, 240);

  it('hand-computed deadline of a 4-hour desk step', () => {
    expect(deadline.toISOString()).toBe(at('2025-03-12', '08:00').toISOString());
  });

  it('late one minute after the deadline instant, on the same date (the date rule said on time)', () => {
    const end = at('2025-03-12', '08:01');
    expect(classifyStepByClock({ end, deadline })).toBe('late');
  });

  it('on time at the deadline instant, early on an earlier date', () => {
    expect(classifyStepByClock({ end: deadline, deadline })).toBe('on-time');
    expect(classifyStepByClock({ end: at('2025-03-12', '07:30'), deadline })).toBe('on-time');
    expect(classifyStepByClock({ end: at('2025-03-11', '16:00'), deadline })).toBe('early');
  });

  it('an overdue event that fired makes it late, whatever the instants say', () => {
    expect(classifyStepByClock({ end: at('2025-03-11', '16:00'), deadline, overdueFired: true })).toBe('late');
  });
});
