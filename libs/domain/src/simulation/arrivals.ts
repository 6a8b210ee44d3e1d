import { addCalendarDays, WorkingCalendar } from '../calendar/working-calendar';
import type { ProvinceModel } from './province-model';
import { pickWeighted, poisson, Random, seededRandom, deriveSeed } from './random';

/** Generated arrivals as parallel arrays (a province-year is about a million rows). */
export interface Arrivals {
  count: number;
  /** Reception instants (ms), ascending. */
  receivedAtMs: Float64Array;
  procedureIndex: Int32Array;
  /** Index into the model's desk agencies (`deskAgencyIndexes`). */
  deskIndex: Int32Array;
  online: Uint8Array;
}

export interface SimulationPeriod {
  /** First local date of the period (YYYY-MM-DD). */
  from: string;
  /** Last local date of the period, included. */
  to: string;
}

const HOUR = 3_600_000;

function cumulative(weights: number[]): number[] {
  let total = 0;
  return weights.map((weight) => (total += Math.max(0, weight)));
}

/** Indexes of the agencies that receive dossiers (have a desk); all agencies when none is marked. */
export function deskAgencyIndexes(model: ProvinceModel): number[] {
  const desks = model.agencies.flatMap((agency, index) => (agency.desk ? [index] : []));
  return desks.length > 0 ? desks : model.agencies.map((_, index) => index);
}

/** An instant inside the day's office windows, uniformly over their working time. */
function officeInstant(random: Random, windows: Array<{ start: Date; end: Date }>): number {
  const total = windows.reduce((sum, window) => sum + window.end.getTime() - window.start.getTime(), 0);
  let offset = random() * total;
  for (const window of windows) {
    const length = window.end.getTime() - window.start.getTime();
    if (offset < length) return window.start.getTime() + offset;
    offset -= length;
  }
  return windows[windows.length - 1].end.getTime() - 60_000;
}

/**
 * A province's dossier arrivals over a period, generated from the model: per working day a Poisson number of
 * dossiers (procedure mix by weight, desk by desk weight, online by the procedure's online share) received during
 * office hours (online ones between 06:00 and 22:00); on days off only online dossiers, `dayOffOnlineFactor` as
 * many. Deterministic for a seed. Each dossier draws the same number of random numbers whatever the shares, so a
 * scenario changing the online share keeps every other draw.
 */
export function generateArrivals(
  model: ProvinceModel,
  calendar: WorkingCalendar,
  period: SimulationPeriod,
  seed: number,
): Arrivals {
  const random = seededRandom(deriveSeed(seed, 1));
  const procedureWeights = cumulative(model.procedures.map((procedure) => procedure.weight));
  const desks = deskAgencyIndexes(model);
  const deskWeights = cumulative(desks.map((index) => model.agencies[index].desk?.weight ?? 1));
  const meanOnlineShare =
    model.procedures.reduce((sum, procedure) => sum + procedure.weight * procedure.onlineShare, 0) /
    procedureWeights[procedureWeights.length - 1];
  const times: number[] = [];
  const procedures: number[] = [];
  const deskIndexes: number[] = [];
  const online: number[] = [];
  for (let date = period.from; date <= period.to; date = addCalendarDays(date, 1)) {
    const windows = calendar.windowsOn(date);
    const working = windows.length > 0;
    const mean = working
      ? model.dossiersPerWorkingDay
      : model.dossiersPerWorkingDay * meanOnlineShare * model.dayOffOnlineFactor;
    const count = poisson(random, mean);
    const dayStart = calendar.instantAt(date, '00:00').getTime();
    const day: Array<[number, number, number, number]> = [];
    for (let i = 0; i < count; i++) {
      const procedureIndex = pickWeighted(random, procedureWeights);
      const deskIndex = pickWeighted(random, deskWeights);
      const channelDraw = random();
      const timeDraw = random();
      const isOnline = !working || channelDraw < model.procedures[procedureIndex].onlineShare;
      const at =
        isOnline || !working ? dayStart + 6 * HOUR + timeDraw * 16 * HOUR : officeInstant(() => timeDraw, windows);
      day.push([Math.floor(at), procedureIndex, deskIndex, isOnline ? 1 : 0]);
    }
    day.sort((a, b) => a[0] - b[0]);
    for (const [at, procedureIndex, deskIndex, isOnline] of day) {
      times.push(at);
      procedures.push(procedureIndex);
      deskIndexes.push(deskIndex);
      online.push(isOnline);
    }
  }
  return {
    count: times.length,
    receivedAtMs: Float64Array.from(times),
    procedureIndex: Int32Array.from(procedures),
    deskIndex: Int32Array.from(deskIndexes),
    online: Uint8Array.from(online),
  };
}
