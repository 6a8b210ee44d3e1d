import { WorkingCalendar } from '../calendar/working-calendar';
import { generateArrivals } from './arrivals';
import { applyScenario, ProvinceModel, Scenario } from './province-model';
import { compareResults, ScenarioComparison } from './simulation-result';
import { SimulationOptions, simulateProvince } from './simulator';

/**
 * Baseline and scenario over the same history: the arrivals are generated once from the baseline model and its
 * calendar and replayed in both runs (a holiday or a make-up working day changes the working time, not who
 * came when). Only a scenario that changes the arrivals themselves (volume, online share) draws them again from
 * the same seed, so every dossier keeps its procedure, desk and processing draws where it can.
 */
export function runScenario(
  model: ProvinceModel,
  scenario: Scenario,
  options: Omit<SimulationOptions, 'arrivals' | 'scenarioName'>,
): ScenarioComparison {
  const baselineCalendar = new WorkingCalendar({ dayOverrides: model.dayOverrides });
  const arrivals = generateArrivals(model, baselineCalendar, options.period, options.seed);
  const changed = applyScenario(model, scenario);
  const scenarioArrivals =
    scenario.arrivalFactor !== undefined || scenario.onlineShare !== undefined
      ? generateArrivals(changed, baselineCalendar, options.period, options.seed)
      : arrivals;
  const baseline = simulateProvince(model, { ...options, arrivals, scenarioName: 'baseline' });
  const result = simulateProvince(changed, { ...options, arrivals: scenarioArrivals, scenarioName: scenario.name });
  return compareResults(baseline.result, result.result);
}
