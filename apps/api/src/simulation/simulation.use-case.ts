import { Injectable } from '@nestjs/common';
import {
  addCalendarDays,
  createSampleProvinceModel,
  DayOverride,
  DomainError,
  parseLocalDate,
  runScenario,
  Scenario,
} from '@motcua/domain';
import { MAX_SIMULATION_DAYS, SimulationRequestDto } from './dto/simulation-request.dto';
import { SimulationResponseDto } from './dto/simulation-response.dto';

const invalid = (code: string, message: string) => new DomainError(code, message, 'invalid');

function checkedDate(field: string, value: string): string {
  try {
    parseLocalDate(value);
  } catch {
    throw invalid('simulation.invalid-date', `${field}: "${value}" is not a date YYYY-MM-DD`);
  }
  return value;
}

/**
 * POST /simulations: the what-if simulator (issue 18) over the generated province, baseline vs the scenario, with
 * the engine's own router, working calendar, clock ledger and QĐ 766 verdicts. Bounded so that it runs inside the
 * request (≤ 92 days × 500 dossiers per working day ≈ 30,000 dossiers, about a second of CPU); a province-year
 * runs with `npm run simulate`.
 */
@Injectable()
export class SimulationUseCase {
  simulate(request: SimulationRequestDto): SimulationResponseDto {
    const from = checkedDate('from', request.from);
    const to = checkedDate('to', request.to);
    if (to < from) throw invalid('simulation.invalid-period', 'to: must not be before from');
    if (addCalendarDays(from, MAX_SIMULATION_DAYS - 1) < to) {
      throw invalid('simulation.period-too-long', `to: a simulation spans at most ${MAX_SIMULATION_DAYS} days`);
    }
    const model = createSampleProvinceModel({ dossiersPerWorkingDay: request.dossiersPerWorkingDay ?? 150 });
    const name = request.name ?? 'Kịch bản';
    const scenario: Scenario = { name };
    if ((request.agencyCode === undefined) !== (request.officers === undefined)) {
      throw invalid('simulation.officers-need-agency', 'agencyCode and officers go together');
    }
    if (request.agencyCode !== undefined) {
      if (!model.agencies.some((agency) => agency.code === request.agencyCode)) {
        throw invalid(
          'simulation.unknown-agency',
          `agencyCode: "${request.agencyCode}" is not an agency of the model (${model.agencies.map((a) => a.code).join(', ')})`,
        );
      }
      scenario.officers = { [request.agencyCode]: request.officers! };
    }
    if (request.staffingFactor !== undefined) scenario.staffingFactor = request.staffingFactor;
    if (request.arrivalFactor !== undefined) scenario.arrivalFactor = request.arrivalFactor;
    if (request.onlineShare !== undefined) scenario.onlineShare = request.onlineShare;
    const days: DayOverride[] = [
      ...(request.makeUpDays ?? []).map((date) => ({
        date: checkedDate('makeUpDays', date),
        kind: 'working' as const,
        name: 'Ngày làm bù',
      })),
      ...(request.holidays ?? []).map((date) => ({
        date: checkedDate('holidays', date),
        kind: 'holiday' as const,
        name: 'Ngày nghỉ',
      })),
    ];
    if (new Set(days.map((day) => day.date)).size !== days.length) {
      throw invalid('simulation.duplicate-day', 'makeUpDays / holidays: a date appears twice');
    }
    if (days.length > 0) scenario.addDayOverrides = days;
    const comparison = runScenario(model, scenario, { period: { from, to }, seed: request.seed ?? 1 });
    return {
      name,
      model: model.name,
      onTimeRate: comparison.onTimeRate,
      onlineRate: comparison.onlineRate,
      lateCount: comparison.lateCount,
      agencies: comparison.agencies,
      procedures: comparison.procedures,
      baseline: comparison.baseline as unknown as Record<string, unknown>,
      scenario: comparison.scenario as unknown as Record<string, unknown>,
    };
  }
}
