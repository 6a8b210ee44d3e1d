import { createSampleProvinceModel } from './sample-province';
import { backtestLateRisk } from './late-risk-backtest';
import { EmpiricalStepDurations } from './late-risk-forecast';
import { seededRandom } from './random';
import { simulateProvince } from './simulator';

describe('late-risk forecast (issue 18)', () => {
  it('beats the naive "late past 80 % of budget" baseline on generated history (acceptance 3)', () => {
    const model = createSampleProvinceModel({ dossiersPerWorkingDay: 40, targetUtilisation: 0.95 });
    const run = simulateProvince(model, {
      period: { from: '2026-01-05', to: '2026-05-29' },
      seed: 5,
      recordSteps: true,
    });
    const report = backtestLateRisk(model, run, { snapshotDate: '2026-04-01', samples: 100 });
    expect(report.dossiersForecast).toBeGreaterThan(100);
    expect(report.observedLateRate).toBeGreaterThan(0.02);
    expect(report.brierForecast).toBeLessThan(report.brierNaive);
    expect(report.brierForecast).toBeLessThan(report.brierClimatology);
    expect(report.reliability.reduce((sum, row) => sum + row.dossiers, 0)).toBe(report.dossiersForecast);
    for (const example of report.examples)
      expect(example.reason).toMatch(/^Step '.+' at .+ usually takes \d+\.\d working days; /);
  });

  it('draws remaining durations only among observations longer than the elapsed time', () => {
    const durations = new EmpiricalStepDurations(new Map([['A|P|s', [60, 120, 240, 480]]]));
    const random = seededRandom(1);
    const draws = Array.from({ length: 50 }, () => durations.sampleRemaining('A|P|s', 200, random)!);
    expect(new Set(draws)).toEqual(new Set([40, 280]));
    expect(durations.sampleRemaining('A|P|s', 600, random)).toBe(150);
    expect(durations.sampleRemaining('B|P|s', 0, random)).toBeNull();
    expect(durations.median('A|P|s')).toBe(240);
  });
});
