import type { FaultOutcome } from './fault-catalog';
import type { FaultWorld } from './fault-world';

const failovers = new WeakMap<FaultWorld, number>();

/**
 * A master failover during load, on the master serving the queue prefix's hash tag (every queue key): kill -9 of
 * its pid (its replica is promoted after the node timeout; what was not replicated yet is lost, as with a single
 * Redis's kill -9) or CLUSTER FAILOVER on its replica (a coordinated hand-over), alternately. Healed when the old
 * master is back as a replica and every slot is served.
 */
export async function clusterFailover(
  world: FaultWorld,
): Promise<{ outcome: FaultOutcome; heal: () => Promise<void> }> {
  const cluster = world.cluster;
  if (!cluster) throw new Error('redis-cluster-failover needs the Redis Cluster mode');
  const tag = world.environment.QUEUE_PREFIX;
  const master = await cluster.masterOf(tag);
  const replica = (await cluster.layout()).find((node) => node.role === 'replica' && node.masterId === master.id);
  const count = failovers.get(world) ?? 0;
  failovers.set(world, count + 1);
  const kill = count % 2 === 0 || !replica;
  const started = Date.now();
  if (kill) await cluster.kill(master.port);
  else await cluster.failover(replica.port);
  let promoted = master;
  while (promoted.port === master.port && Date.now() - started < 30000) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    promoted = await cluster.masterOf(tag).catch(() => master);
  }
  const problems = promoted.port === master.port ? [`no replica took over ${tag}'s slot within 30 s`] : [];
  const took = `:${promoted.port} serving ${tag} after ${Date.now() - started} ms`;
  return {
    outcome: {
      detail: kill
        ? `kill -9 of master :${master.port}; ${took}`
        : `CLUSTER FAILOVER on replica :${replica.port} of :${master.port}; ${took}`,
      problems,
    },
    heal: async () => {
      if (kill) await cluster.restart(master.port);
      await cluster.waitHealthy();
    },
  };
}
