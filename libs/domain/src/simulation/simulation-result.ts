import type { IndicatorValue } from '../indicators/indicator-values';

/** Counters of one procedure (or of the whole province). */
export interface ProcedureOutcome {
  procedureCode: string;
  received: number;
  receivedOnline: number;
  /** Ended in the period (result or refusal). */
  finished: number;
  /** National on-time indicator verdicts (QĐ 766: waits subtracted, > 1 supplement request late). */
  finishedOnTime: number;
  finishedLate: number;
  openAtEnd: number;
  openOnTimeAtEnd: number;
  /** Periodic-report verdicts by calendar date of the current appointment. */
  resolvedLateByDate: number;
  openOverdueByDate: number;
  /** (finishedOnTime + openOnTimeAtEnd) ÷ (finished + openAtEnd); null when nothing was counted. */
  onTimeRate: number | null;
  /** receivedOnline ÷ received. */
  onlineRate: number | null;
  /** finishedLate + open dossiers late for the national indicator at the end. */
  lateCount: number;
}

/** Counters of one agency's steps (the control slip: lateness belongs to the agency whose step overran). */
export interface AgencyOutcome {
  agencyCode: string;
  officers: number;
  stepsStarted: number;
  stepsCompleted: number;
  stepsCompletedLate: number;
  /** Steps open at the end of the period (waiting for an officer or being processed). */
  backlogAtEnd: number;
  /** Of those, already past their step deadline. */
  backlogOverdueAtEnd: number;
  /** stepsCompletedLate + backlogOverdueAtEnd. */
  lateCount: number;
  /** Median working hours from a step's start to its hand-over. */
  medianStepWorkingHours: number | null;
}

export interface SimulationResult {
  scenario: string;
  seed: number;
  period: { from: string; to: string };
  totals: ProcedureOutcome;
  /** The on-time and online indicators computed by the indicator formulas (rule set named in `formula`). */
  indicators: IndicatorValue[];
  procedures: ProcedureOutcome[];
  agencies: AgencyOutcome[];
  eventsProcessed: number;
}

export interface OutcomeDelta {
  key: string;
  baseline: number | null;
  scenario: number | null;
  difference: number | null;
}

/** Baseline vs scenario, side by side. */
export interface ScenarioComparison {
  baseline: SimulationResult;
  scenario: SimulationResult;
  onTimeRate: OutcomeDelta;
  onlineRate: OutcomeDelta;
  lateCount: OutcomeDelta;
  agencies: Array<{ agencyCode: string; lateCount: OutcomeDelta; backlogAtEnd: OutcomeDelta }>;
  procedures: Array<{ procedureCode: string; onTimeRate: OutcomeDelta; lateCount: OutcomeDelta }>;
}

export function emptyProcedureOutcome(procedureCode: string): ProcedureOutcome {
  return {
    procedureCode,
    received: 0,
    receivedOnline: 0,
    finished: 0,
    finishedOnTime: 0,
    finishedLate: 0,
    openAtEnd: 0,
    openOnTimeAtEnd: 0,
    resolvedLateByDate: 0,
    openOverdueByDate: 0,
    onTimeRate: null,
    onlineRate: null,
    lateCount: 0,
  };
}

/** Fills the derived fields (rates, late count) of a procedure outcome. */
export function completeProcedureOutcome(outcome: ProcedureOutcome): ProcedureOutcome {
  const denominator = outcome.finished + outcome.openAtEnd;
  outcome.onTimeRate = denominator > 0 ? (outcome.finishedOnTime + outcome.openOnTimeAtEnd) / denominator : null;
  outcome.onlineRate = outcome.received > 0 ? outcome.receivedOnline / outcome.received : null;
  outcome.lateCount = outcome.finishedLate + (outcome.openAtEnd - outcome.openOnTimeAtEnd);
  return outcome;
}

export function addProcedureOutcome(into: ProcedureOutcome, from: ProcedureOutcome): void {
  into.received += from.received;
  into.receivedOnline += from.receivedOnline;
  into.finished += from.finished;
  into.finishedOnTime += from.finishedOnTime;
  into.finishedLate += from.finishedLate;
  into.openAtEnd += from.openAtEnd;
  into.openOnTimeAtEnd += from.openOnTimeAtEnd;
  into.resolvedLateByDate += from.resolvedLateByDate;
  into.openOverdueByDate += from.openOverdueByDate;
}

function delta(key: string, baseline: number | null, scenario: number | null): OutcomeDelta {
  return {
    key,
    baseline,
    scenario,
    difference: baseline === null || scenario === null ? null : scenario - baseline,
  };
}

/** Baseline vs scenario per province, agency and procedure. */
export function compareResults(baseline: SimulationResult, scenario: SimulationResult): ScenarioComparison {
  const scenarioAgencies = new Map(scenario.agencies.map((agency) => [agency.agencyCode, agency]));
  const scenarioProcedures = new Map(scenario.procedures.map((procedure) => [procedure.procedureCode, procedure]));
  return {
    baseline,
    scenario,
    onTimeRate: delta('onTimeRate', baseline.totals.onTimeRate, scenario.totals.onTimeRate),
    onlineRate: delta('onlineRate', baseline.totals.onlineRate, scenario.totals.onlineRate),
    lateCount: delta('lateCount', baseline.totals.lateCount, scenario.totals.lateCount),
    agencies: baseline.agencies.map((agency) => {
      const other = scenarioAgencies.get(agency.agencyCode);
      return {
        agencyCode: agency.agencyCode,
        lateCount: delta('lateCount', agency.lateCount, other?.lateCount ?? null),
        backlogAtEnd: delta('backlogAtEnd', agency.backlogAtEnd, other?.backlogAtEnd ?? null),
      };
    }),
    procedures: baseline.procedures.map((procedure) => {
      const other = scenarioProcedures.get(procedure.procedureCode);
      return {
        procedureCode: procedure.procedureCode,
        onTimeRate: delta('onTimeRate', procedure.onTimeRate, other?.onTimeRate ?? null),
        lateCount: delta('lateCount', procedure.lateCount, other?.lateCount ?? null),
      };
    }),
  };
}
