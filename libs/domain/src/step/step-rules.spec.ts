import { StepDefinition } from '../process-definition/process-definition';
import { assigneeProblem, checkDossierOpenForSteps, checkStepOutcome } from './step-rules';

const appraise = {
  id: 'appraise',
  kind: 'task',
  agency: { role: 'receiving-desk' },
  budget: { workingDays: 2 },
  transitions: { approve: 'sign', 'request-supplement': 'appraise', refuse: '@end:refused' },
} as unknown as StepDefinition;

const outcome = (fields: Partial<Parameters<typeof checkStepOutcome>[0]>) =>
  checkStepOutcome({
    stepId: 'appraise',
    step: appraise,
    outcome: 'approve',
    byPerson: true,
    supplementRequestsSoFar: 0,
    ...fields,
  });

describe('step rules used by the step lifecycle use cases', () => {
  describe('checkStepOutcome', () => {
    it("accepts one of the step's transitions", () => {
      expect(() => outcome({})).not.toThrow();
      expect(() => outcome({ outcome: 'refuse' })).not.toThrow();
    });

    it('refuses an outcome the step has no transition for, listing the allowed ones', () => {
      expect(() => outcome({ outcome: 'return' as never })).toThrow(
        "Step 'appraise' cannot end with 'return' (allowed: approve, request-supplement, refuse)",
      );
    });

    it('a supplement is requested once per dossier (NĐ 61/2018 Art. 16)', () => {
      expect(() => outcome({ outcome: 'request-supplement', supplementRequestsSoFar: 0 })).not.toThrow();
      // The limit comes from the rule set (maxSupplementRequestsPerDossier); a rule set allowing two takes a second.
      expect(() =>
        outcome({ outcome: 'request-supplement', supplementRequestsSoFar: 1, maxSupplementRequests: 2 }),
      ).not.toThrow();
      expect(() =>
        outcome({ outcome: 'request-supplement', supplementRequestsSoFar: 1, maxSupplementRequests: 1 }),
      ).toThrow(/allows 1 request per dossier/);
      expect(() => outcome({ outcome: 'request-supplement', supplementRequestsSoFar: 1 })).toThrow(
        'A supplement was already requested for this dossier',
      );
    });

    it('a step missing from the definition (or a parallel block) cannot be completed', () => {
      expect(() => outcome({ step: undefined })).toThrow("Step 'appraise' is not in the dossier's process definition");
      expect(() => outcome({ step: { id: 'appraise', kind: 'parallel' } as unknown as StepDefinition })).toThrow(
        'not in the dossier',
      );
    });

    it('a person cannot complete a step that waits for its sub-dossier or its fee; the system can', () => {
      const waiting = { ...appraise, subDossier: { procedureCode: '1.000002' } } as unknown as StepDefinition;
      expect(() => outcome({ step: waiting })).toThrow('waits for its sub-dossier of procedure 1.000002');
      expect(() => outcome({ step: waiting, byPerson: false })).not.toThrow();
      const fee = { ...appraise, kind: 'payment' } as unknown as StepDefinition;
      expect(() => outcome({ step: fee })).toThrow('completes when its fee is paid');
      expect(() => outcome({ step: fee, byPerson: false })).not.toThrow();
    });
  });

  it('assigneeProblem: an active officer or lead of the step’s own agency', () => {
    const officer = { active: true, agencyId: 'a', roles: ['agency_officer'] };
    expect(assigneeProblem(officer, 'a')).toBeNull();
    expect(assigneeProblem({ ...officer, roles: ['agency_lead'] }, 'a')).toBeNull();
    expect(assigneeProblem({ ...officer, active: false }, 'a')).toBe('is not active');
    expect(assigneeProblem(officer, 'b')).toBe("does not belong to the step's agency");
    expect(assigneeProblem({ ...officer, roles: ['desk_officer'] }, 'a')).toBe(
      'has none of the roles agency_officer, agency_lead',
    );
  });

  it('checkDossierOpenForSteps: steps of an ended dossier are cancelled (409 naming its status)', () => {
    expect(() => checkDossierOpenForSteps({ code: 'X-1', status: 'processing' }, 'appraise')).not.toThrow();
    expect(() => checkDossierOpenForSteps({ code: 'X-1', status: 'withdrawn' }, 'appraise')).toThrow(
      "Step 'appraise' belongs to dossier X-1, which is withdrawn",
    );
  });
});
