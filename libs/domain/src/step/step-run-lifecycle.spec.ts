import { DomainError } from '../errors/domain-error';
import {
  checkStepAssignable,
  checkStepCompletable,
  claimDecision,
  isPendingStepRun,
  StepRunFacts,
} from './step-run-lifecycle';

const run = (fields: Partial<StepRunFacts> = {}): StepRunFacts => ({
  stepId: 'appraise',
  status: 'open',
  version: 3,
  assignedUserId: null,
  ...fields,
});

function conflictOf(action: () => unknown): DomainError {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('step run lifecycle (complete / claim / assign): the pure rules of the use cases', () => {
  it('pending = open or claimed', () => {
    expect(
      ['open', 'claimed', 'completed', 'cancelled', 'dead-letter'].filter((status) => isPendingStepRun({ status })),
    ).toEqual(['open', 'claimed']);
  });

  describe('completing', () => {
    it('answers the version to update against: the one the caller saw, else the current one', () => {
      expect(checkStepCompletable(run(), {})).toBe(3);
      expect(
        checkStepCompletable(run({ status: 'claimed', assignedUserId: 'u1' }), {
          expectedVersion: 3,
          actorUserId: 'u1',
        }),
      ).toBe(3);
    });

    it('409 once it is no longer pending, naming its status', () => {
      const error = conflictOf(() => checkStepCompletable(run({ status: 'completed' }), {}));
      expect(error.code).toBe('step-task.conflict');
      expect(error.kind).toBe('conflict');
      expect(error.message).toBe("Step 'appraise' is completed; it can no longer be completed");
      expect(error.details).toEqual({ status: 'completed' });
      expect(() => checkStepCompletable(run({ status: 'dead-letter' }), {})).toThrow('is dead-letter');
    });

    it('409 when someone changed it since the caller read it (optimistic lock)', () => {
      expect(() => checkStepCompletable(run(), { expectedVersion: 2 })).toThrow(
        "Step 'appraise' was changed by someone else (version 3, expected 2)",
      );
    });

    it("409 for another officer's claimed step, unless a lead overrides; the system (no user) may complete it", () => {
      const claimed = run({ status: 'claimed', assignedUserId: 'u1' });
      expect(() => checkStepCompletable(claimed, { actorUserId: 'u2' })).toThrow('is assigned to another officer');
      expect(checkStepCompletable(claimed, { actorUserId: 'u2', mayOverrideAssignee: true })).toBe(3);
      expect(checkStepCompletable(claimed, { actorUserId: null })).toBe(3);
    });
  });

  describe('claiming', () => {
    it('claims an open step; claiming my own claimed step again is not an error', () => {
      expect(claimDecision(run(), 'u1')).toBe('claim');
      expect(claimDecision(run({ status: 'claimed', assignedUserId: 'u1' }), 'u1')).toBe('already-mine');
    });

    it('409 for a step claimed by someone else or no longer open', () => {
      expect(() => claimDecision(run({ status: 'claimed', assignedUserId: 'u1' }), 'u2')).toThrow(
        "Step 'appraise' is claimed; it cannot be claimed",
      );
      expect(() => claimDecision(run({ status: 'cancelled' }), 'u1')).toThrow('is cancelled; it cannot be claimed');
    });
  });

  it('assigning is possible while pending (reassigning a claimed step too), 409 after', () => {
    expect(() => checkStepAssignable(run())).not.toThrow();
    expect(() => checkStepAssignable(run({ status: 'claimed', assignedUserId: 'u1' }))).not.toThrow();
    expect(() => checkStepAssignable(run({ status: 'completed' }))).toThrow(
      "Step 'appraise' is completed; it cannot be assigned",
    );
  });
});
