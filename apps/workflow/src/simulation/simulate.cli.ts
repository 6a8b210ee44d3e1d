import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createSampleProvinceModel, DayOverride, runScenario, Scenario, ScenarioComparison } from '@motcua/domain';

/**
 * `npm run simulate -- [options]`: simulates a generated province over a period, baseline vs a scenario, and prints
 * the comparison as JSON (stdout, or --out FILE); progress goes to stderr.
 *
 *   --from 2026-01-01 --to 2026-12-31   period (local dates, inclusive)
 *   --per-day 4000                      mean dossiers per working day (a province-year ≈ 1M)
 *   --seed 1
 *   --officers H62.TP=6                 officers of one agency (repeatable)
 *   --staffing-factor 0.9               every other agency's officers × factor
 *   --arrival-factor 1.2  --online-share 0.7
 *   --make-up-day 2026-03-14  --holiday 2026-03-16   calendar rows added (repeatable)
 *   --budget 1.000003:appraise=24       a step's budget in working hours (repeatable)
 */
function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function numberOf(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new Error(`--${name} must be a number, got '${value}'`);
  return parsed;
}

export function scenarioFromArguments(values: Record<string, string | string[] | boolean | undefined>): Scenario {
  const officers: Record<string, number> = {};
  for (const entry of listOf(values.officers as string[])) {
    const [code, count] = entry.split('=');
    officers[code] = numberOf('officers', count) ?? 0;
  }
  const stepBudgetHours: Record<string, Record<string, number>> = {};
  for (const entry of listOf(values.budget as string[])) {
    const match = /^([^:]+):([^=]+)=(.+)$/.exec(entry);
    if (!match) throw new Error(`--budget expects PROCEDURE:STEP=HOURS, got '${entry}'`);
    (stepBudgetHours[match[1]] ??= {})[match[2]] = numberOf('budget', match[3])!;
  }
  const days: DayOverride[] = [
    ...listOf(values['make-up-day'] as string[]).map((date) => ({ date, kind: 'working' as const, name: 'Làm bù' })),
    ...listOf(values.holiday as string[]).map((date) => ({ date, kind: 'holiday' as const, name: 'Nghỉ' })),
  ];
  const scenario: Scenario = { name: (values.name as string | undefined) ?? 'scenario' };
  if (Object.keys(officers).length > 0) scenario.officers = officers;
  if (Object.keys(stepBudgetHours).length > 0) scenario.stepBudgetHours = stepBudgetHours;
  if (days.length > 0) scenario.addDayOverrides = days;
  const staffingFactor = numberOf('staffing-factor', values['staffing-factor'] as string | undefined);
  const arrivalFactor = numberOf('arrival-factor', values['arrival-factor'] as string | undefined);
  const onlineShare = numberOf('online-share', values['online-share'] as string | undefined);
  if (staffingFactor !== undefined) scenario.staffingFactor = staffingFactor;
  if (arrivalFactor !== undefined) scenario.arrivalFactor = arrivalFactor;
  if (onlineShare !== undefined) scenario.onlineShare = onlineShare;
  return scenario;
}

/** The comparison without the full per-agency result objects twice (they are in baseline / scenario). */
export function summary(comparison: ScenarioComparison): Record<string, unknown> {
  return {
    onTimeRate: comparison.onTimeRate,
    onlineRate: comparison.onlineRate,
    lateCount: comparison.lateCount,
    agencies: comparison.agencies,
    procedures: comparison.procedures,
    baseline: comparison.baseline,
    scenario: comparison.scenario,
  };
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      from: { type: 'string', default: '2026-01-01' },
      to: { type: 'string', default: '2026-12-31' },
      'per-day': { type: 'string', default: '4000' },
      seed: { type: 'string', default: '1' },
      name: { type: 'string' },
      officers: { type: 'string', multiple: true },
      'staffing-factor': { type: 'string' },
      'arrival-factor': { type: 'string' },
      'online-share': { type: 'string' },
      'make-up-day': { type: 'string', multiple: true },
      holiday: { type: 'string', multiple: true },
      budget: { type: 'string', multiple: true },
      out: { type: 'string' },
    },
  });
  const scenario = scenarioFromArguments(values);
  const model = createSampleProvinceModel({ dossiersPerWorkingDay: numberOf('per-day', values['per-day']) });
  const started = Date.now();
  let run = 0;
  const comparison = runScenario(model, scenario, {
    period: { from: values.from!, to: values.to! },
    seed: numberOf('seed', values.seed) ?? 1,
    onProgress: (progress) => {
      const label = run < 1 ? 'baseline' : scenario.name;
      if (progress.arrivalsDone === progress.arrivalsTotal) run++;
      const share = ((100 * progress.arrivalsDone) / Math.max(1, progress.arrivalsTotal)).toFixed(0);
      process.stderr.write(
        `[${label}] ${progress.arrivalsDone}/${progress.arrivalsTotal} dossiers (${share} %), ` +
          `virtual ${new Date(progress.atMs).toISOString().slice(0, 10)}, ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    },
  });
  const json = JSON.stringify(summary(comparison), null, 2);
  if (values.out) writeFileSync(values.out, json);
  else process.stdout.write(`${json}\n`);
  process.stderr.write(
    `on-time ${comparison.onTimeRate.baseline?.toFixed(4)} → ${comparison.onTimeRate.scenario?.toFixed(4)}, ` +
      `late ${comparison.lateCount.baseline} → ${comparison.lateCount.scenario}\n`,
  );
  return 0;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 2;
  }
}
