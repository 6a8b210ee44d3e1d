import { DomainError } from '@motcua/domain';
import { SimulationUseCase } from './simulation.use-case';

const period = { from: '2026-03-02', to: '2026-03-13', dossiersPerWorkingDay: 40, seed: 3 };
const agency = (response: ReturnType<SimulationUseCase['simulate']>, code: string) =>
  response.agencies.find((row) => row.agencyCode === code)!;

describe('SimulationUseCase (POST /simulations, issue 18)', () => {
  const simulations = new SimulationUseCase();

  it('compares the scenario with the baseline: one agency down to one officer is late more often', () => {
    const response = simulations.simulate({ ...period, name: 'Một cán bộ', agencyCode: 'H62.TP', officers: 1 });
    expect(response.name).toBe('Một cán bộ');
    const row = agency(response, 'H62.TP');
    expect(row.lateCount.scenario!).toBeGreaterThan(row.lateCount.baseline!);
    expect(response.onTimeRate.difference!).toBeLessThan(0);
    expect(response.baseline).toMatchObject({ scenario: 'baseline', seed: 3 });
  });

  it.each([
    [{ ...period, to: '2026-03-01' }, 'simulation.invalid-period'],
    [{ ...period, to: '2026-06-02' }, 'simulation.period-too-long'],
    [{ ...period, from: '2026-02-30' }, 'simulation.invalid-date'],
    [{ ...period, agencyCode: 'H62.NOPE', officers: 2 }, 'simulation.unknown-agency'],
    [{ ...period, officers: 2 }, 'simulation.officers-need-agency'],
    [{ ...period, makeUpDays: ['2026-13-01'] }, 'simulation.invalid-date'],
    [{ ...period, makeUpDays: ['2026-03-14'], holidays: ['2026-03-14'] }, 'simulation.duplicate-day'],
  ])('refuses %j as invalid input (%s)', (request, code) => {
    let error: unknown;
    try {
      simulations.simulate(request);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code, kind: 'invalid' });
  });
});
