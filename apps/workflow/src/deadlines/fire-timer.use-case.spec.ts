import { ClockService } from '@motcua/platform';
import { DelayedError, Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { DeadlineTimerEffect } from './deadline-timer-effect';
import { FireTimerUseCase, isVanishedJobError } from './fire-timer.use-case';

const NOW = new Date('2031-03-03T02:00:00Z');

function timerRow(status: 'pending' | 'fired', dueAt: Date) {
  return {
    id: '7',
    subject_type: 'dossier',
    subject_id: 'd',
    dossier_id: 'd',
    agency_id: null,
    threshold_id: 'half-used',
    threshold_kind: 'budget-used',
    recipients: [],
    deadline_version: 1,
    deadline_at: null,
    due_at: dueAt,
    status,
    fired_at: status === 'fired' ? NOW : null,
  };
}

/** A use case over a fake database whose timer row reads `rows` in turn (first read, then re-read after the error). */
function useCase(rows: Array<ReturnType<typeof timerRow>>): FireTimerUseCase {
  const query = jest.fn(async () => [rows.length > 1 ? rows.shift() : rows[0]]);
  const dataSource = { manager: { query } } as unknown as DataSource;
  const clock = { now: () => NOW } as unknown as ClockService;
  return new FireTimerUseCase(dataSource, clock, new DeadlineTimerEffect());
}

function earlyJob(moveToDelayed: () => Promise<void>): Job {
  return {
    id: 'outbox-1',
    name: 'timer-due.v1',
    data: { timerId: '7' },
    moveToDelayed: jest.fn(moveToDelayed),
  } as unknown as Job;
}

describe('FireTimerUseCase: an early job that cannot go back to wait', () => {
  const later = new Date(NOW.getTime() + 60_000);

  it('recognises BullMQ vanished-job errors only', () => {
    expect(isVanishedJobError(new Error('Missing key for job 12. moveToDelayed'))).toBe(true);
    expect(isVanishedJobError(new Error('Missing lock for job 12. moveToDelayed'))).toBe(true);
    expect(isVanishedJobError(new Error('Connection is closed.'))).toBe(false);
  });

  it('goes back to wait normally (DelayedError after moveToDelayed)', async () => {
    const job = earlyJob(async () => undefined);
    await expect(useCase([timerRow('pending', later)]).handleJob(job, 'token')).rejects.toBeInstanceOf(DelayedError);
    expect(job.moveToDelayed).toHaveBeenCalledTimes(1);
  });

  it('a "Missing key … moveToDelayed" (the sweeper settled the timer at once) ends quietly as DelayedError', async () => {
    const job = earlyJob(async () => Promise.reject(new Error('Missing key for job outbox-1. moveToDelayed')));
    await expect(
      useCase([timerRow('pending', later), timerRow('fired', later)]).handleJob(job, 'token'),
    ).rejects.toBeInstanceOf(DelayedError);
  });

  it('any other error with the timer already settled is not an error either', async () => {
    const job = earlyJob(async () => Promise.reject(new Error('Connection is closed.')));
    await expect(
      useCase([timerRow('pending', later), timerRow('fired', later)]).handleJob(job, 'token'),
    ).rejects.toBeInstanceOf(DelayedError);
  });

  it('another error with the timer still pending is rethrown (the job is retried)', async () => {
    const job = earlyJob(async () => Promise.reject(new Error('Connection is closed.')));
    await expect(
      useCase([timerRow('pending', later), timerRow('pending', later)]).handleJob(job, 'token'),
    ).rejects.toThrow('Connection is closed.');
  });
});
