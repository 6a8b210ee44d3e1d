import { environmentVariable } from '@motcua/config';
import type { FaultKind } from '../fault/support/fault-catalog';
import { writeFaultReport } from '../fault/support/fault-report';
import { runFaults } from '../fault/support/fault-run';

/**
 * Issue 16 acceptance 3 and issue 17's Redis Cluster fault (`npm run test:cluster`, ~5 minutes, not in `npm test`):
 * the fault suite's world on a local Redis Cluster (3 masters + 3 replicas, QUEUE_PREFIX `{fault}`), the API and three
 * worker processes (workflow, payment, delivery each), the province-like load carrying dossiers from intake through
 * the desk, the online fee, the land registry, the tax connector and the hand-over; a lifecycle without faults first
 * (the warm-up), then master failovers of the node serving the queues' slot (kill -9, then CLUSTER FAILOVER) and a
 * worker kill, then the same checker as on single Redis: nothing lost, nothing done twice, chains intact.
 */
describe('Redis Cluster: the lifecycle and master failovers (issue 16 acceptance 3, issue 17)', () => {
  it('loses nothing and does nothing twice on a 3-master cluster, through master failovers', async () => {
    const seed = Number(environmentVariable('FAULT_SEED') ?? Date.now() % 100000);
    const faults: FaultKind[] = ['redis-cluster-failover', 'worker-kill-9', 'redis-cluster-failover'];
    const result = await runFaults({
      mode: 'quick',
      seed,
      workers: 3,
      inFlight: 8,
      redis: 'cluster',
      faults,
      warmupMs: 20000,
      drainTimeoutMs: 90000,
      recoveryBoundMs: 60000,
      log: (line) => process.stdout.write(`[cluster ${seed}] ${line}\n`),
    });
    const report = writeFaultReport(result, 'artifacts');
    process.stdout.write(`[cluster ${seed}] report: ${report}\n`);
    const details = result.injected.map((fault) => fault.detail).join('\n');
    expect(details).toMatch(/kill -9 of master :\d+; :\d+ serving \{fault\}/);
    expect(details).toMatch(/CLUSTER FAILOVER on replica :\d+ of :\d+; :\d+ serving \{fault\}/);
    expect(result.dossiersCreated).toBeGreaterThan(0);
    // The whole lifecycle ran on the cluster: dossiers were paid, handed over and ended.
    expect(result.check.terminal).toBeGreaterThan(0);
    expect(result.check.effects.payments).toBeGreaterThan(0);
    expect(result.check.violations).toEqual([]);
    expect(
      result.injected.flatMap((fault) => fault.problems.map((problem) => `#${fault.index} ${fault.kind}: ${problem}`)),
    ).toEqual([]);
    expect(result.crashedProcesses).toEqual([]);
    expect(result.injected.length).toBe(faults.length);
  });
});
