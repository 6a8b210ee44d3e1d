import type { DayOverride } from '../calendar/working-calendar';
import type { ProcessDefinitionDocument } from '../process-definition/process-definition';

/** A log-normal duration in working minutes: half the draws are below `median`; `sigma` widens the tail. */
export interface DurationDistribution {
  medianMinutes: number;
  sigma: number;
}

/**
 * How one step of one procedure behaves: officer effort (occupies one of the agency's officers) then a delay
 * that needs no officer (waiting for a signature, a consultation). Both in working minutes.
 */
export interface StepProfile {
  effort: DurationDistribution;
  delay: DurationDistribution;
  /** Chance that the step asks the applicant for documents (only if the step allows 'request-supplement'). */
  supplementProbability?: number;
  /** Chance that the step refuses the dossier (only if the step allows 'refuse'). */
  refuseProbability?: number;
}

export interface SimulatedProcedure {
  procedureCode: string;
  definition: ProcessDefinitionDocument;
  /** Share of arrivals (relative weight). */
  weight: number;
  /** Share of dossiers submitted online. */
  onlineShare: number;
  /** Per step id; steps without a profile use `defaultStepProfile`. */
  stepProfiles: Record<string, StepProfile>;
  /** Applicant time to bring a supplement or pay, in calendar days (median, sigma). */
  applicantDays: { median: number; sigma: number };
}

export interface SimulatedAgency {
  /** Electronic identifier (the `code` of process-definition agency references). */
  code: string;
  /** Officers working on dossiers; each offers one working day of effort per working day. */
  officers: number;
  /** A receiving desk (dossiers are spread over desks by `deskWeight`). */
  desk?: { weight: number };
}

/** A province as the simulator sees it: agencies, procedures, arrival volume and the working calendar. */
export interface ProvinceModel {
  name: string;
  agencies: SimulatedAgency[];
  procedures: SimulatedProcedure[];
  /** Mean dossiers received per working day over the whole province (online ones also arrive on days off). */
  dossiersPerWorkingDay: number;
  /** Online arrivals on a day off, as a share of a working day's online arrivals. */
  dayOffOnlineFactor: number;
  /** Calendar rows (holidays, make-up working days), as in the admin-maintained table. */
  dayOverrides: DayOverride[];
  defaultStepProfile: StepProfile;
  /** Supplement clock for the dossier ledger ('pause' shifts the deadline, 'restart' restarts the budget). */
  supplementClock: 'pause' | 'restart';
}

/** Changes a scenario applies to a province model (everything optional; an empty scenario is the baseline). */
export interface Scenario {
  name: string;
  /** Replaces procedures' definitions (another version, other step budgets), by procedure code. */
  definitions?: Record<string, ProcessDefinitionDocument>;
  /** Step budgets changed in place: procedure code → step id → working hours. */
  stepBudgetHours?: Record<string, Record<string, number>>;
  /** Officers per agency code (absolute). */
  officers?: Record<string, number>;
  /** Multiplies every agency's officers not named in `officers`. */
  staffingFactor?: number;
  /** Multiplies the arrival volume. */
  arrivalFactor?: number;
  /** Replaces every procedure's online share. */
  onlineShare?: number;
  /** Calendar rows added (a holiday, a make-up working Saturday); a row for an existing date replaces it. */
  addDayOverrides?: DayOverride[];
  /** Calendar rows removed, by date. */
  removeDayOverrides?: string[];
}

/** The province model with a scenario applied (pure; the input is not changed). */
export function applyScenario(model: ProvinceModel, scenario: Scenario): ProvinceModel {
  const officers = scenario.officers ?? {};
  const factor = scenario.staffingFactor ?? 1;
  const removed = new Set([
    ...(scenario.removeDayOverrides ?? []),
    ...(scenario.addDayOverrides ?? []).map((d) => d.date),
  ]);
  return {
    ...model,
    dossiersPerWorkingDay: model.dossiersPerWorkingDay * (scenario.arrivalFactor ?? 1),
    agencies: model.agencies.map((agency) => ({
      ...agency,
      officers: officers[agency.code] ?? Math.max(1, Math.round(agency.officers * factor)),
    })),
    procedures: model.procedures.map((procedure) => {
      let definition = scenario.definitions?.[procedure.procedureCode] ?? procedure.definition;
      const budgets = scenario.stepBudgetHours?.[procedure.procedureCode];
      if (budgets) {
        definition = {
          ...definition,
          steps: definition.steps.map((step) =>
            step.kind !== 'parallel' && budgets[step.id] !== undefined
              ? { ...step, budget: { workingHours: budgets[step.id] } }
              : step,
          ),
        };
      }
      return {
        ...procedure,
        definition,
        onlineShare: scenario.onlineShare ?? procedure.onlineShare,
      };
    }),
    dayOverrides: [
      ...model.dayOverrides.filter((override) => !removed.has(override.date)),
      ...(scenario.addDayOverrides ?? []),
    ],
  };
}
