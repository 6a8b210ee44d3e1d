import { seedHolidays } from '../calendar/holiday-seed';
import {
  ProcessDefinitionDocument,
  toWorkingHours,
  WorkStepDefinition,
  isParallelStep,
} from '../process-definition/process-definition';
import {
  createSampleParallelDefinition,
  createSampleSequentialDefinition,
} from '../process-definition/sample-process-definitions';
import type { ProvinceModel, SimulatedAgency, SimulatedProcedure, StepProfile } from './province-model';

/*
 * A generated province for the simulator, the CLI and the benchmark: placeholder agency and procedure codes
 * (unverified, like the sample definitions), a procedure mix from the sample definitions plus single-agency
 * procedures, and officers sized from the expected load. Tune it, or build a model from real history.
 */

export interface SampleProvinceOptions {
  /** Mean dossiers per working day (a province-year of ~1M dossiers is about 4,000). */
  dossiersPerWorkingDay?: number;
  /** Years whose Labour Code holidays are seeded into the calendar. */
  years?: number[];
  /** Share of an officer's working day spent on dossiers at the expected load (default 0.8). */
  targetUtilisation?: number;
}

const DESKS: Array<{ code: string; weight: number }> = [
  { code: 'H62.PVHCC', weight: 3 },
  ...Array.from({ length: 8 }, (_, i) => ({ code: `H62.D0${i + 1}.MC`, weight: 1 })),
];

/** Desk → agency → delivery: a single-agency procedure whose agency step may ask for a supplement or refuse. */
export function singleAgencyDefinition(
  procedureCode: string,
  agencyCode: string,
  legalWorkingDays: number,
): ProcessDefinitionDocument {
  return {
    procedureCode,
    version: 1,
    legalTime: { workingDays: legalWorkingDays },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'appraise' },
      },
      {
        id: 'appraise',
        kind: 'task',
        agency: { code: agencyCode },
        budget: { workingDays: legalWorkingDays - 1 },
        transitions: { approve: 'return-result', 'request-supplement': 'appraise', refuse: '@end:refused' },
      },
      {
        id: 'return-result',
        kind: 'delivery',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: '@end:result-ready' },
      },
    ],
  };
}

/** Effort ~ `effortMinutes`, delay ~ `delayShare` of the step's budget (log-normal). */
function profile(
  budgetMinutes: number,
  effortMinutes: number,
  delayShare: number,
  extra: Partial<StepProfile> = {},
): StepProfile {
  return {
    effort: { medianMinutes: effortMinutes, sigma: 0.5 },
    delay: { medianMinutes: Math.max(10, budgetMinutes * delayShare), sigma: 0.7 },
    ...extra,
  };
}

function profilesOf(
  definition: ProcessDefinitionDocument,
  extras: Record<string, Partial<StepProfile>>,
): Record<string, StepProfile> {
  const profiles: Record<string, StepProfile> = {};
  for (const step of definition.steps) {
    if (isParallelStep(step)) continue;
    const budget = toWorkingHours(step.budget) * 60;
    profiles[step.id] =
      step.agency && 'role' in step.agency
        ? profile(budget, 15, 0.15, extras[step.id])
        : profile(budget, 45, 0.3, extras[step.id]);
  }
  return profiles;
}

const logNormalMean = (median: number, sigma: number) => median * Math.exp((sigma * sigma) / 2);

/** Officers so that each agency's expected effort fills `targetUtilisation` of their working day. */
function sizeOfficers(
  agencies: SimulatedAgency[],
  procedures: SimulatedProcedure[],
  dossiersPerWorkingDay: number,
  targetUtilisation: number,
): void {
  const load = new Map<string, number>();
  const totalWeight = procedures.reduce((sum, procedure) => sum + procedure.weight, 0);
  const totalDeskWeight = DESKS.reduce((sum, desk) => sum + desk.weight, 0);
  for (const procedure of procedures) {
    const perDay = (dossiersPerWorkingDay * procedure.weight) / totalWeight;
    for (const step of procedure.definition.steps) {
      if (isParallelStep(step) || (step as WorkStepDefinition).kind !== 'task') continue;
      const stepProfile = procedure.stepProfiles[step.id];
      const minutes =
        perDay *
        logNormalMean(stepProfile.effort.medianMinutes, stepProfile.effort.sigma) *
        (1 + (stepProfile.supplementProbability ?? 0));
      if ('role' in step.agency) {
        for (const desk of DESKS)
          load.set(desk.code, (load.get(desk.code) ?? 0) + (minutes * desk.weight) / totalDeskWeight);
      } else {
        load.set(step.agency.code, (load.get(step.agency.code) ?? 0) + minutes);
      }
    }
  }
  for (const agency of agencies) {
    agency.officers = Math.max(1, Math.ceil((load.get(agency.code) ?? 0) / (480 * targetUtilisation)));
  }
}

/** A generated province: 9 desks, land / business / civil status / construction / social procedures. */
export function createSampleProvinceModel(options: SampleProvinceOptions = {}): ProvinceModel {
  const dossiersPerWorkingDay = options.dossiersPerWorkingDay ?? 4_000;
  const years = options.years ?? [2025, 2026, 2027];
  const land = createSampleSequentialDefinition();
  const business = createSampleParallelDefinition();
  const procedures: SimulatedProcedure[] = [
    {
      procedureCode: land.procedureCode,
      definition: land,
      weight: 2,
      onlineShare: 0.35,
      stepProfiles: profilesOf(land, { 'land-office': { supplementProbability: 0.15, refuseProbability: 0.02 } }),
      applicantDays: { median: 3, sigma: 0.8 },
    },
    {
      procedureCode: business.procedureCode,
      definition: business,
      weight: 1,
      onlineShare: 0.8,
      stepProfiles: profilesOf(business, {
        'business-registration': { supplementProbability: 0.1, refuseProbability: 0.01 },
      }),
      applicantDays: { median: 2, sigma: 0.8 },
    },
    ...[
      { code: '1.000003', agency: 'H62.TP', days: 3, weight: 4, online: 0.6 },
      { code: '1.000004', agency: 'H62.SXD', days: 15, weight: 1, online: 0.4 },
      { code: '1.000005', agency: 'H62.SLDTBXH', days: 7, weight: 2, online: 0.5 },
    ].map(({ code, agency, days, weight, online }) => {
      const definition = singleAgencyDefinition(code, agency, days);
      return {
        procedureCode: code,
        definition,
        weight,
        onlineShare: online,
        stepProfiles: profilesOf(definition, { appraise: { supplementProbability: 0.1, refuseProbability: 0.02 } }),
        applicantDays: { median: 3, sigma: 0.8 },
      };
    }),
  ];
  const agencyCodes = new Set<string>();
  for (const procedure of procedures) {
    for (const step of procedure.definition.steps) {
      if (!isParallelStep(step) && 'code' in step.agency) agencyCodes.add(step.agency.code);
    }
  }
  const agencies: SimulatedAgency[] = [
    ...DESKS.map((desk) => ({ code: desk.code, officers: 1, desk: { weight: desk.weight } })),
    ...[...agencyCodes].map((code) => ({ code, officers: 1 })),
  ];
  sizeOfficers(agencies, procedures, dossiersPerWorkingDay, options.targetUtilisation ?? 0.8);
  return {
    name: 'Generated province (H62, placeholder codes)',
    agencies,
    procedures,
    dossiersPerWorkingDay,
    dayOffOnlineFactor: 0.2,
    dayOverrides: years.flatMap((year) => seedHolidays(year)),
    defaultStepProfile: profile(480, 30, 0.3),
    supplementClock: 'pause',
  };
}
