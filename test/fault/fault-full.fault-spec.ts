import { environmentVariable } from '@motcua/config';
import { kindsForRedis } from './support/fault-catalog';
import { writeFaultReport } from './support/fault-report';
import { fullSchedule, runFaults } from './support/fault-run';
import { SeededRandom } from './support/seeded-random';

/**
 * Issue 17, full mode (`npm run test:fault:full`, ~15 minutes, not in CI): ≥ 100 seeded faults of every kind against
 * its own Postgres, Redis, API and three workers under load, then the checker; writes the markdown report to
 * test/fault/reports (acceptance 1). FAULT_SEED replays a schedule, FAULT_COUNT changes its length.
 */
describe('fault injection, full mode (issue 17)', () => {
  it('loses nothing and does nothing twice over 100+ faults, each recovered within 60 s', async () => {
    const seed = Number(environmentVariable('FAULT_SEED') ?? Date.now() % 100000);
    const count = Number(environmentVariable('FAULT_COUNT') ?? 108);
    const redis = environmentVariable('FAULT_REDIS') === 'cluster' ? 'cluster' : 'single';
    const result = await runFaults({
      mode: 'full',
      redis,
      seed,
      workers: 3,
      inFlight: 12,
      faults: kindsForRedis(fullSchedule(new SeededRandom(seed), count), redis),
      warmupMs: 10000,
      drainTimeoutMs: 120000,
      recoveryBoundMs: 60000,
      log: (line) => process.stdout.write(`[fault ${seed}] ${line}\n`),
    });
    const report = writeFaultReport(result, 'reports');
    process.stdout.write(`[fault ${seed}] report: ${report}\n`);
    expect(result.injected.length).toBeGreaterThanOrEqual(count);
    expect(result.check.violations).toEqual([]);
    expect(
      result.injected.flatMap((fault) => fault.problems.map((problem) => `#${fault.index} ${fault.kind}: ${problem}`)),
    ).toEqual([]);
    expect(result.crashedProcesses).toEqual([]);
  });
});
