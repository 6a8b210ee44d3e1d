import { WorkingCalendar } from '../calendar/working-calendar';
import { PROVINCE_PLAN_2021_2025 } from '../indicators/indicator-rules';
import type { IndicatorRuleSet } from '../indicators/indicator-rules';
import { computeIndicators } from '../indicators/indicator-values';
import type { SimulationPeriod } from './arrivals';
import { judgeSimulatedDossier, SimulatedDossierRecord } from './dossier-verdict';
import type { ProvinceModel } from './province-model';
import {
  addProcedureOutcome,
  AgencyOutcome,
  completeProcedureOutcome,
  emptyProcedureOutcome,
  ProcedureOutcome,
  SimulationResult,
} from './simulation-result';

interface TalliedStep {
  agencyIndex: number;
  kind: string;
  startMs: number;
  endMs: number | null;
  deadlineMs: number;
}

/** Step durations per agency as a histogram of half working hours (median without keeping every value). */
const BUCKET_HOURS = 0.5;
const BUCKETS = 4_000;

/** Counts a run as it goes, so a province-year keeps no per-dossier state once a dossier has ended. */
export class SimulationTally {
  private readonly procedureIndexByCode: Map<string, number>;
  private readonly procedures: ProcedureOutcome[];
  private readonly agencies: AgencyOutcome[];
  private readonly durationHistograms: Uint32Array[];
  private readonly endMs: number;

  constructor(
    private readonly model: ProvinceModel,
    private readonly calendar: WorkingCalendar,
    private readonly ruleSet: IndicatorRuleSet,
    private readonly period: SimulationPeriod,
  ) {
    this.procedureIndexByCode = new Map(model.procedures.map((procedure, index) => [procedure.procedureCode, index]));
    this.procedures = model.procedures.map((procedure) => emptyProcedureOutcome(procedure.procedureCode));
    this.agencies = model.agencies.map((agency) => ({
      agencyCode: agency.code,
      officers: agency.officers,
      stepsStarted: 0,
      stepsCompleted: 0,
      stepsCompletedLate: 0,
      backlogAtEnd: 0,
      backlogOverdueAtEnd: 0,
      lateCount: 0,
      medianStepWorkingHours: null,
    }));
    this.durationHistograms = model.agencies.map(() => new Uint32Array(BUCKETS));
    this.endMs = calendar.instantAt(period.to).getTime() + 86_400_000 - 1;
  }

  private procedureOf(record: SimulatedDossierRecord): ProcedureOutcome {
    return this.procedures[this.procedureIndexByCode.get(record.procedureCode)!];
  }

  dossierReceived(record: SimulatedDossierRecord): void {
    const outcome = this.procedureOf(record);
    outcome.received++;
    if (record.online) outcome.receivedOnline++;
  }

  dossierEnded(record: SimulatedDossierRecord): void {
    const verdict = judgeSimulatedDossier(
      record,
      this.calendar,
      this.model.supplementClock,
      this.ruleSet,
      new Date(record.endedAtMs!),
    );
    const outcome = this.procedureOf(record);
    outcome.finished++;
    if (verdict.nationalOnTime) outcome.finishedOnTime++;
    else outcome.finishedLate++;
    if (verdict.lateByDate) outcome.resolvedLateByDate++;
  }

  dossierOpenAtEnd(record: SimulatedDossierRecord): void {
    const verdict = judgeSimulatedDossier(
      record,
      this.calendar,
      this.model.supplementClock,
      this.ruleSet,
      new Date(this.endMs),
    );
    const outcome = this.procedureOf(record);
    outcome.openAtEnd++;
    if (verdict.nationalOnTime) outcome.openOnTimeAtEnd++;
    if (verdict.lateByDate) outcome.openOverdueByDate++;
  }

  stepStarted(step: TalliedStep): void {
    if (step.kind !== 'payment') this.agencies[step.agencyIndex].stepsStarted++;
  }

  stepCompleted(step: TalliedStep): void {
    if (step.kind === 'payment' || step.endMs === null) return;
    const agency = this.agencies[step.agencyIndex];
    agency.stepsCompleted++;
    if (step.endMs > step.deadlineMs) agency.stepsCompletedLate++;
    const hours = this.calendar.workingMinutesBetweenMillis(step.startMs, step.endMs) / 60;
    this.durationHistograms[step.agencyIndex][Math.min(BUCKETS - 1, Math.floor(hours / BUCKET_HOURS))]++;
  }

  stepOpenAtEnd(step: TalliedStep, endMs: number): void {
    if (step.kind === 'payment') return;
    const agency = this.agencies[step.agencyIndex];
    agency.backlogAtEnd++;
    if (step.deadlineMs < endMs) agency.backlogOverdueAtEnd++;
  }

  result(scenario: string, seed: number, eventsProcessed: number): SimulationResult {
    const totals = emptyProcedureOutcome('*');
    for (const procedure of this.procedures) {
      completeProcedureOutcome(procedure);
      addProcedureOutcome(totals, procedure);
    }
    completeProcedureOutcome(totals);
    this.agencies.forEach((agency, index) => {
      agency.lateCount = agency.stepsCompletedLate + agency.backlogOverdueAtEnd;
      agency.medianStepWorkingHours = medianOf(this.durationHistograms[index]);
    });
    const indicators = computeIndicators(
      {
        sums: {
          received: totals.received,
          'national.on-time': totals.finishedOnTime,
          'national.late': totals.finishedLate,
          // No results are simulated: every procedure counts as an electronic-result one (dossier-verdict.ts).
          'received.online-counted': totals.receivedOnline,
        },
        receivedByChannel: { online: totals.receivedOnline, 'in-person': totals.received - totals.receivedOnline },
        openAtEnd: { total: totals.openAtEnd, nationalOnTime: totals.openOnTimeAtEnd },
        feeBearingProcedures: 0,
        feeBearingProceduresPayableOnline: 0,
        feeBearingProceduresPaidOnline: 0,
        feeBearingProceduresWithFeeData: 0,
      },
      this.ruleSet,
      PROVINCE_PLAN_2021_2025,
    ).filter((indicator) => indicator.id === 'onTime' || indicator.id === 'online');
    return {
      scenario,
      seed,
      period: { ...this.period },
      totals,
      indicators,
      procedures: this.procedures,
      agencies: this.agencies,
      eventsProcessed,
    };
  }
}

function medianOf(histogram: Uint32Array): number | null {
  let total = 0;
  for (const count of histogram) total += count;
  if (total === 0) return null;
  let seen = 0;
  for (let bucket = 0; bucket < histogram.length; bucket++) {
    seen += histogram[bucket];
    if (seen * 2 >= total) return (bucket + 0.5) * BUCKET_HOURS;
  }
  return null;
}
