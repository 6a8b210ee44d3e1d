import { DomainError } from '../errors/domain-error';
import { ProcessDefinitionDocument, StepDefinition } from './process-definition';
import {
  createSampleParallelDefinition,
  createSampleSequentialDefinition,
  sampleParallelDefinition,
  sampleSequentialDefinition,
} from './sample-process-definitions';
import { assertValidProcessDefinition, validateProcessDefinition } from './validate-process-definition';

function task(id: string, transitions: Record<string, string>, workingDays = 1, agency = 'A'): StepDefinition {
  return { id, kind: 'task', agency: { code: agency }, budget: { workingDays }, transitions };
}

function definition(
  steps: StepDefinition[],
  overrides: Partial<ProcessDefinitionDocument> = {},
): ProcessDefinitionDocument {
  return {
    procedureCode: '1.000123',
    version: 1,
    legalTime: { workingDays: 10 },
    handover: 'electronic',
    start: steps[0]?.id ?? 'missing',
    steps,
    ...overrides,
  };
}

function errorsOf(document: unknown): string[] {
  const result = validateProcessDefinition(document);
  if (result.ok) throw new Error('expected the definition to be rejected');
  return result.errors;
}

describe('validateProcessDefinition', () => {
  it('accepts the samples, also with overridden agency codes', () => {
    expect(validateProcessDefinition(sampleSequentialDefinition)).toEqual({
      ok: true,
      definition: sampleSequentialDefinition,
    });
    expect(validateProcessDefinition(sampleParallelDefinition).ok).toBe(true);
    const custom = createSampleSequentialDefinition({ agencies: { taxDepartment: 'G01.99' }, version: 3 });
    expect(validateProcessDefinition(custom).ok).toBe(true);
    expect(JSON.stringify(custom)).toContain('G01.99');
    const parallel = createSampleParallelDefinition({ agencies: { businessRegistration: 'X.1' } });
    expect(validateProcessDefinition(parallel).ok).toBe(true);
    expect(parallel.steps.find((step) => step.id === 'registration-bundle')).toMatchObject({
      leadAgency: { code: 'X.1' },
    });
  });

  it('rejects a non-object and a bad header', () => {
    expect(errorsOf(null)).toEqual(['the process definition must be a JSON object']);
    expect(
      errorsOf({
        procedureCode: '',
        version: 1.5,
        legalTime: { workingDays: 0 },
        handover: 'fax',
        start: 'a',
        steps: [],
      }),
    ).toEqual([
      'procedureCode must be a non-empty string such as "1.001234"',
      'version must be a positive integer, got 1.5',
      "the procedure's legalTime must be positive (set workingDays and/or workingHours)",
      "handover must be 'electronic' or 'paper', got \"fax\"",
      'steps must be a non-empty array',
    ]);
  });

  it('rejects duplicate step ids and non-positive budgets', () => {
    const errors = errorsOf(
      definition([
        task('a', { approve: 'b' }),
        task('b', { approve: '@end:result-ready' }, 0),
        task('a', { approve: 'b' }),
      ]),
    );
    expect(errors).toContain("step 'b' budget must be positive (set workingDays and/or workingHours)");
    expect(errors).toContain("step id 'a' is used more than once");
  });

  it('rejects step ids that cannot go into job ids', () => {
    expect(errorsOf(definition([task('a:1', { approve: '@end:result-ready' })]))).toEqual([
      "step 'a:1' id must start with a letter or digit and contain only letters, digits, '.', '_' and '-'",
    ]);
  });

  it('rejects a connector without a name or attempts', () => {
    const step = {
      id: 'c',
      kind: 'connector',
      agency: { code: 'A' },
      budget: { workingDays: 1 },
      transitions: { approve: '@end:result-ready' },
    };
    expect(errorsOf(definition([step as unknown as StepDefinition]))).toEqual([
      "step 'c' connector must name a connector",
      "step 'c' maxAttempts must be a positive integer",
    ]);
  });

  it('rejects a missing start step and unknown targets', () => {
    expect(errorsOf(definition([task('a', { approve: 'nowhere' })], { start: 'intake' }))).toEqual([
      "start step 'intake' does not exist",
      "step 'a' outcome 'approve' targets step 'nowhere', which does not exist",
    ]);
  });

  it('rejects unreachable steps', () => {
    expect(
      errorsOf(definition([task('a', { approve: '@end:result-ready' }), task('orphan', { approve: 'a' })])),
    ).toEqual(["step 'orphan' cannot be reached from the start step 'a'"]);
  });

  it("rejects '@previous' on the start step", () => {
    expect(errorsOf(definition([task('a', { approve: '@end:result-ready', return: '@previous' })]))).toEqual([
      "step 'a' outcome 'return' targets '@previous' but 'a' is the start step and has no previous step",
    ]);
  });

  it('rejects a supplement request that does not name a step to resume', () => {
    expect(
      errorsOf(definition([task('a', { approve: '@end:result-ready', 'request-supplement': '@end:refused' })])),
    ).toEqual([
      "step 'a' outcome 'request-supplement' must name the step that resumes once the supplement arrives (a step id or '@previous'), not '@end:refused'",
    ]);
  });

  it('rejects cycles through approve edges but allows return edges back', () => {
    expect(
      errorsOf(
        definition([
          task('a', { approve: 'b' }),
          task('b', { approve: 'c' }),
          task('c', { approve: 'a', refuse: '@end:refused' }),
        ]),
      ),
    ).toEqual([
      "'approve'/'forward' outcomes form a cycle a → b → c → a; only 'return' and 'request-supplement' may lead back",
    ]);
    expect(
      validateProcessDefinition(
        definition([
          task('a', { approve: 'b' }),
          task('b', { approve: 'c', return: 'a' }),
          task('c', { approve: '@end:result-ready', return: '@previous' }),
        ]),
      ).ok,
    ).toBe(true);
  });

  it("rejects a definition with no way to '@end:result-ready'", () => {
    expect(errorsOf(definition([task('a', { approve: 'b' }), task('b', { refuse: '@end:refused' })]))).toEqual([
      "no path of 'approve'/'forward' outcomes leads from the start step 'a' to '@end:result-ready'",
    ]);
  });

  it('rejects budgets that exceed the legal time, naming the longest path', () => {
    const document = definition(
      [
        task('intake', { approve: 'land' }, 1),
        task('land', { approve: 'tax', forward: 'survey' }, 5),
        task('survey', { approve: 'tax' }, 2),
        task('tax', { approve: 'committee' }, 3),
        task('committee', { approve: '@end:result-ready' }, 1),
      ],
      { legalTime: { workingDays: 10 } },
    );
    expect(errorsOf(document)).toEqual([
      'the step budgets on path intake → land → survey → tax → committee → @end:result-ready add up to 12 working days ' +
        "(intake 1 working day + land 5 working days + survey 2 working days + tax 3 working days + committee 1 working day), which exceeds the procedure's legal time of 10 working days",
    ]);
    // the same budgets fit 12 working days, and 96 working hours is the same thing
    expect(validateProcessDefinition({ ...document, legalTime: { workingDays: 12 } }).ok).toBe(true);
    expect(validateProcessDefinition({ ...document, legalTime: { workingHours: 96 } }).ok).toBe(true);
    // with 12-hour working days the same 12 days are 144 hours, more than 96
    expect(
      validateProcessDefinition({ ...document, legalTime: { workingHours: 96 } }, { hoursPerWorkingDay: 12 }).ok,
    ).toBe(false);
  });

  it('counts a parallel block as its longest branch and leaves payment time out by default', () => {
    const document = createSampleParallelDefinition();
    const tight = { ...document, legalTime: { workingDays: 3, workingHours: 7 } };
    expect(errorsOf(tight)).toEqual([
      "the step budgets on path desk → parallel 'registration-bundle' [business-registration] → consolidate → return-result → @end:result-ready " +
        "add up to 4 working days (desk 4 working hours + parallel 'registration-bundle' 2 working days (longest branch: business-registration 2 working days) + " +
        "consolidate 1 working day + return-result 4 working hours), which exceeds the procedure's legal time of 3 working days 7 working hours",
    ]);
    // the sample's 30-day payment step would blow a 20-day legal time if it counted
    expect(validateProcessDefinition(sampleSequentialDefinition, { countPaymentStepsInLegalTime: true }).ok).toBe(
      false,
    );
  });

  describe('parallel blocks', () => {
    const parallel = (branches: string[], join = 'join'): StepDefinition => ({
      id: 'p',
      kind: 'parallel',
      branches,
      join,
      leadAgency: { code: 'A' },
    });

    it('rejects a branch that never reaches the join', () => {
      expect(
        errorsOf(
          definition([
            parallel(['x', 'y']),
            task('x', { approve: '@join' }),
            task('y', { refuse: '@end:refused' }),
            task('join', { approve: '@end:result-ready' }),
          ]),
        ),
      ).toEqual(["branch 'y' of parallel step 'p' never reaches '@join' through 'approve'/'forward' outcomes"]);
    });

    it('rejects a branch that leaves the block by a step id, or ends the dossier with a result', () => {
      expect(
        errorsOf(
          definition([
            parallel(['x', 'y']),
            task('x', { approve: 'join' }),
            task('y', { approve: '@end:result-ready' }),
            task('join', { approve: '@end:result-ready' }),
          ]),
        ),
      ).toEqual([
        "step 'y' outcome 'approve' targets '@end:result-ready' inside branch 'y' of parallel step 'p'; a branch must end with '@join' (or '@end:refused')",
      ]);
      expect(
        errorsOf(
          definition([
            parallel(['x', 'y']),
            task('x', { approve: 'join' }),
            task('y', { approve: '@join' }),
            task('join', { approve: '@end:result-ready' }),
          ]),
        ),
      ).toContain(
        "branch 'x' of parallel step 'p' leads to step 'join' by a step id; a branch must end with '@join' instead",
      );
    });

    it('rejects branches that share steps and steps entering a branch from outside', () => {
      const errors = errorsOf(
        definition([
          parallel(['x', 'y']),
          task('x', { approve: 'shared' }),
          task('y', { approve: 'shared' }),
          task('shared', { approve: '@join' }),
          task('join', { approve: '@end:result-ready', return: 'x' }),
        ]),
      );
      expect(errors).toContain(
        "step 'shared' belongs to both branch 'x' of parallel step 'p' and branch 'y' of parallel step 'p'; branches must not share steps",
      );
      expect(errors).toContain(
        "step 'join' leads into branch 'x' of parallel step 'p'; a branch can only be entered through its parallel step",
      );
    });

    it("rejects '@join' outside a branch and '@previous' on a branch's first step", () => {
      expect(
        errorsOf(
          definition([
            task('a', { approve: 'p', forward: '@join' }),
            parallel(['x', 'y']),
            task('x', { approve: '@join', return: '@previous' }),
            task('y', { approve: '@join' }),
            task('join', { approve: '@end:result-ready' }),
          ]),
        ),
      ).toEqual([
        "step 'a' outcome 'forward' targets '@join' but the step is not inside a parallel branch",
        "step 'x' outcome 'return' targets '@previous' but 'x' is the first step of a branch of parallel step 'p'; a branch cannot step back out of the parallel block",
      ]);
    });

    it('rejects nested parallel blocks and a missing join', () => {
      const errors = errorsOf(
        definition([
          parallel(['x', 'q'], 'nope'),
          task('x', { approve: '@join' }),
          { id: 'q', kind: 'parallel', branches: ['x', 'x2'], join: 'x', leadAgency: { code: 'A' } },
          task('x2', { approve: '@join' }),
        ]),
      );
      expect(errors).toContain(
        "parallel step 'p' branch 'q' is itself parallel; nested parallel blocks are not supported",
      );
      expect(errors).toContain("parallel step 'p' join 'nope' does not exist");
    });
  });

  it('assertValidProcessDefinition throws one DomainError with every message', () => {
    expect(assertValidProcessDefinition(sampleParallelDefinition)).toBe(sampleParallelDefinition);
    try {
      assertValidProcessDefinition(definition([task('a', { approve: 'nowhere' })], { start: 'intake' }));
      throw new Error('expected a DomainError');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).kind).toBe('invalid');
      expect((error as DomainError).code).toBe('process-definition.invalid');
      expect((error as DomainError).message).toBe(
        "Invalid process definition: start step 'intake' does not exist; step 'a' outcome 'approve' targets step 'nowhere', which does not exist",
      );
    }
  });
});

describe('validateProcessDefinition: linked sub-dossiers', () => {
  const spawning = (
    subDossier: unknown,
    transitions: Record<string, string> = { approve: 'deliver', refuse: '@end:refused' },
    kind = 'task',
  ) =>
    definition([
      task('desk', { approve: 'district' }),
      {
        id: 'district',
        kind,
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 5 },
        transitions,
        subDossier,
        ...(kind === 'connector' ? { connector: 'c', maxAttempts: 1 } : {}),
      } as unknown as StepDefinition,
      task('deliver', { approve: '@end:result-ready' }),
    ]);

  it('accepts a task step with a well-formed subDossier and both outcomes', () => {
    const document = spawning({ procedureCode: '2.000575', receivingAgency: { code: '000.00.12.H62' } });
    expect(validateProcessDefinition(document).ok).toBe(true);
  });

  it('rejects a malformed subDossier with a message naming the field', () => {
    expect(errorsOf(spawning('2.000575'))).toEqual([
      "step 'district' subDossier must be { procedureCode: '<national procedure code>', receivingAgency: { code: '<agency code>' } }",
    ]);
    expect(errorsOf(spawning({ procedureCode: '', receivingAgency: { code: 'X' } }))).toEqual([
      `step 'district' subDossier.procedureCode must be a non-empty national procedure code such as "1.001234"`,
    ]);
    expect(errorsOf(spawning({ procedureCode: '2.000575', receivingAgency: 'X' }))).toEqual([
      "step 'district' subDossier.receivingAgency must be { code: '<agency code>' } (the agency that receives the sub-dossier)",
    ]);
    expect(errorsOf(spawning({ procedureCode: '2.000575', receivingAgency: { code: 'X' }, extra: 1 }))[0]).toMatch(
      /subDossier has unknown field\(s\) extra/,
    );
  });

  it("rejects the definition's own procedure, non-task steps and a missing 'refuse' transition", () => {
    expect(errorsOf(spawning({ procedureCode: '1.000123', receivingAgency: { code: 'X' } }))).toEqual([
      "step 'district' subDossier.procedureCode '1.000123' is the definition's own procedure; a sub-dossier must be of another procedure",
    ]);
    expect(
      errorsOf(
        spawning(
          { procedureCode: '2.000575', receivingAgency: { code: 'X' } },
          { approve: 'deliver', refuse: '@end:refused' },
          'connector',
        ),
      ),
    ).toEqual(["step 'district' subDossier is only allowed on 'task' steps, not on 'connector' steps"]);
    expect(
      errorsOf(spawning({ procedureCode: '2.000575', receivingAgency: { code: 'X' } }, { approve: 'deliver' })),
    ).toEqual([
      "step 'district' spawns a sub-dossier and completes with 'refuse' when the sub-dossier is refused; give it a 'refuse' transition",
    ]);
  });
});
