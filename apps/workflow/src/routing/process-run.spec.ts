import { StepTaskEntity } from '@motcua/persistence';
import { routingEventOf, runBefore, taskOfEvent } from './process-run';
import { StoredEvent } from './routing-context';

const event = (sequence: number, type: string, payload: Record<string, unknown> = {}): StoredEvent => ({
  id: String(sequence),
  sequence,
  type,
  payload,
  occurredAt: new Date('2031-03-03T02:00:00Z'),
});

const task = (id: string, fields: Partial<StepTaskEntity>): StepTaskEntity =>
  ({
    id,
    stepId: id,
    attempt: 1,
    branchKey: '',
    status: 'open',
    outcome: null,
    previousStepId: null,
    startedEventSequence: 1,
    completedEventSequence: null,
    ...fields,
  }) as StepTaskEntity;

describe('router: the pure reads of a recorded run', () => {
  describe('routingEventOf', () => {
    it('an accepted dossier routes once, only while it has no step run yet', () => {
      expect(routingEventOf(event(1, 'intake-accepted'), [])).toEqual({ type: 'dossier-accepted' });
      expect(routingEventOf(event(5, 'routing-unblocked'), [])).toEqual({ type: 'dossier-accepted' });
      expect(routingEventOf(event(1, 'intake-accepted'), [task('appraise', {})])).toBeNull();
    });

    it("a completion names the step of its run (not the payload's step id) and its branch", () => {
      const tasks = [task('t-1', { stepId: 'tax', branchKey: 'p/1/tax' })];
      expect(
        routingEventOf(
          event(4, 'step-completed', { stepTaskId: 't-1', stepId: 'stale', outcome: 'approve', branchKey: 'p/1/tax' }),
          tasks,
        ),
      ).toEqual({ type: 'step-completed', stepId: 'tax', outcome: 'approve', branchKey: 'p/1/tax' });
      expect(
        routingEventOf(event(4, 'step-completed', { stepId: 'sign', outcome: 'refuse', branchKey: '' }), []),
      ).toEqual({
        type: 'step-completed',
        stepId: 'sign',
        outcome: 'refuse',
      });
    });

    it('a supplement routes only when a step asked for it (a supplement at intake is the desk’s)', () => {
      expect(routingEventOf(event(7, 'supplement-received', { stepId: 'appraise' }), [])).toEqual({
        type: 'supplement-received',
        stepId: 'appraise',
      });
      expect(routingEventOf(event(7, 'supplement-received', {}), [])).toBeNull();
    });

    it('other events do not route', () => {
      expect(routingEventOf(event(9, 'deadline-warning'), [])).toBeNull();
      expect(routingEventOf(event(9, 'step-started', { stepTaskId: 't-1' }), [task('t-1', {})])).toBeNull();
    });
  });

  it('taskOfEvent finds the run a payload names', () => {
    const tasks = [task('a', {}), task('b', {})];
    expect(taskOfEvent(event(3, 'step-completed', { stepTaskId: 'b' }), tasks)?.id).toBe('b');
    expect(taskOfEvent(event(3, 'step-completed', { stepTaskId: 'z' }), tasks)).toBeUndefined();
    expect(taskOfEvent(event(3, 'step-completed', {}), tasks)).toBeUndefined();
  });

  describe('runBefore: the run as it was before the event (replays see the same history)', () => {
    const tasks = [
      task('receive', { status: 'completed', outcome: 'approve', startedEventSequence: 2, completedEventSequence: 4 }),
      task('appraise', {
        status: 'completed',
        outcome: 'approve',
        previousStepId: 'receive',
        startedEventSequence: 5,
        completedEventSequence: 9,
      }),
      task('tax', { status: 'cancelled', branchKey: 'p/1/tax', startedEventSequence: 5 }),
      task('sign', { startedEventSequence: 10 }),
    ];

    it('a step completed later in the history still counts as open; runs started later are not there', () => {
      const completion = event(9, 'step-completed', { stepTaskId: 'appraise', outcome: 'approve' });
      const run = runBefore(tasks, completion, routingEventOf(completion, tasks)!);
      expect(run.steps).toEqual([
        { stepId: 'receive', attempt: 1, state: 'completed', outcome: 'approve' },
        { stepId: 'appraise', attempt: 1, state: 'open', previousStepId: 'receive' },
        { stepId: 'tax', attempt: 1, state: 'cancelled', branchKey: 'p/1/tax' },
      ]);
    });

    it('the completion being routed is open in its own run, even when its row says completed', () => {
      const later = event(12, 'step-completed', { stepTaskId: 'appraise', outcome: 'approve' });
      const run = runBefore(tasks, later, routingEventOf(later, tasks)!);
      expect(run.steps.find((step) => step.stepId === 'appraise')?.state).toBe('open');
      expect(run.steps.find((step) => step.stepId === 'sign')?.state).toBe('open');
      const supplement = event(12, 'supplement-received', { stepId: 'appraise' });
      expect(
        runBefore(tasks, supplement, routingEventOf(supplement, tasks)!).steps.find(
          (step) => step.stepId === 'appraise',
        ),
      ).toEqual({ stepId: 'appraise', attempt: 1, state: 'completed', outcome: 'approve', previousStepId: 'receive' });
    });
  });
});
