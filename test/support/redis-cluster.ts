import { ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** One line of CLUSTER NODES. */
export interface ClusterNodeInfo {
  id: string;
  port: number;
  role: 'master' | 'replica';
  masterId?: string;
  failed: boolean;
  slots: number;
  ranges: Array<[number, number]>;
}

interface NodeProcess {
  port: number;
  busPort: number;
  dir: string;
  child?: ChildProcess;
}

/**
 * A local Redis Cluster of 3 masters and 3 replicas (redis-server in cluster mode), every node a child process of
 * the test so a fault can kill a master by its pid. AOF everysec and noeviction like scripts/services.sh; a node
 * timeout of 2 s, so a killed master's replica takes over within a few seconds. Data under `root` (.local/...).
 */
export class LocalRedisCluster {
  private readonly nodes: NodeProcess[];

  private constructor(root: string, ports: Array<[number, number]>) {
    this.nodes = ports.map(([port, busPort]) => ({ port, busPort, dir: join(root, String(port)) }));
  }

  /** Six nodes on free loopback ports (data and bus port each). */
  static async onFreePorts(root: string): Promise<LocalRedisCluster> {
    const ports: Array<[number, number]> = [];
    const taken = new Set<number>();
    while (ports.length < 6) {
      const [port, bus] = [await freePort(), await freePort()];
      if (port === bus || taken.has(port) || taken.has(bus)) continue;
      taken.add(port).add(bus);
      ports.push([port, bus]);
    }
    return new LocalRedisCluster(root, ports);
  }

  /** REDIS_CLUSTER_NODES for the services: every node (the client learns the layout from any of them). */
  get nodesSetting(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  get ports(): number[] {
    return this.nodes.map((node) => node.port);
  }

  async cli(port: number, ...args: string[]): Promise<string> {
    const { stdout } = await run('redis-cli', ['-h', '127.0.0.1', '-p', String(port), ...args], { timeout: 10000 });
    return stdout.trim();
  }

  private spawnNode(node: NodeProcess): void {
    mkdirSync(node.dir, { recursive: true });
    // Node-level options are listed in scripts/redis-cluster.sh as well; keep the two alike.
    node.child = spawn(
      'redis-server',
      [
        ...['--port', String(node.port), '--bind', '127.0.0.1', '--dir', node.dir],
        ...['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf', '--cluster-port', String(node.busPort)],
        ...['--cluster-node-timeout', '2000', '--cluster-replica-validity-factor', '0'],
        ...['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction', '--save', ''],
        ...['--logfile', join(node.dir, 'redis.log')],
      ],
      { stdio: 'ignore' },
    );
    node.child.on('error', () => undefined);
  }

  private async answers(port: number): Promise<boolean> {
    return (await this.cli(port, 'PING').catch(() => '')) === 'PONG';
  }

  private async until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check().catch(() => false))) {
      if (Date.now() > deadline) throw new Error(`redis cluster: ${what} not reached within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Starts the six nodes; `fresh` wipes their data and creates the cluster (3 masters, 1 replica each). */
  async start(options: { fresh?: boolean } = {}): Promise<void> {
    for (const node of this.nodes) {
      if (options.fresh) rmSync(node.dir, { recursive: true, force: true });
      this.spawnNode(node);
    }
    for (const node of this.nodes)
      await this.until(`node ${node.port} answering`, () => this.answers(node.port), 20000);
    if (options.fresh)
      await run(
        'redis-cli',
        [
          '--cluster',
          'create',
          ...this.nodes.map((node) => `127.0.0.1:${node.port}`),
          '--cluster-replicas',
          '1',
        ].concat(['--cluster-yes']),
        { timeout: 60000 },
      );
    await this.waitHealthy();
  }

  /** The layout as one live node sees it. */
  async layout(): Promise<ClusterNodeInfo[]> {
    for (const node of this.nodes) {
      if (!node.child || node.child.exitCode !== null || node.child.signalCode !== null) continue;
      const text = await this.cli(node.port, 'CLUSTER', 'NODES').catch(() => '');
      if (!text) continue;
      return text.split('\n').map((line) => {
        const [id, address, flags, masterId, , , , , ...slots] = line.trim().split(' ');
        const isMaster = flags.includes('master');
        const ranges = slots
          .filter((range) => !range.startsWith('['))
          .map((range): [number, number] => {
            const [from, to] = range.split('-').map(Number);
            return [from, to ?? from];
          });
        return {
          id,
          port: Number(address.split('@')[0].split(':').pop()),
          role: isMaster ? 'master' : 'replica',
          masterId: isMaster ? undefined : masterId,
          failed: flags.includes('fail') || flags.includes('noaddr'),
          slots: ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0),
          ranges,
        } satisfies ClusterNodeInfo;
      });
    }
    throw new Error('redis cluster: no live node answered CLUSTER NODES');
  }

  /** Every node up, cluster_state ok on each, 3 masters holding all 16384 slots, each with a live replica. */
  async waitHealthy(timeoutMs = 60000): Promise<void> {
    await this.until(
      'a healthy cluster (3 masters with a replica each, all slots, state ok everywhere)',
      async () => {
        for (const node of this.nodes) {
          const info = await this.cli(node.port, 'CLUSTER', 'INFO');
          if (!info.includes('cluster_state:ok') || !info.includes('cluster_slots_ok:16384')) return false;
        }
        const layout = await this.layout();
        const masters = layout.filter((node) => node.role === 'master' && !node.failed && node.slots > 0);
        const replicas = layout.filter((node) => node.role === 'replica' && !node.failed);
        return (
          masters.length === 3 &&
          masters.reduce((sum, node) => sum + node.slots, 0) === 16384 &&
          masters.every((master) => replicas.some((replica) => replica.masterId === master.id))
        );
      },
      timeoutMs,
    );
  }

  /** The master serving `key`'s slot (e.g. the queue prefix's hash tag). */
  async masterOf(key: string): Promise<ClusterNodeInfo> {
    const slot = Number(await this.cli(this.nodes[0].port, 'CLUSTER', 'KEYSLOT', key));
    const master = (await this.layout()).find(
      (node) => node.role === 'master' && !node.failed && node.ranges.some(([from, to]) => slot >= from && slot <= to),
    );
    if (!master) throw new Error(`redis cluster: no live master serves slot ${slot} (${key})`);
    return master;
  }

  /** kill -9 of one node's pid (a master: its replica is promoted after the node timeout). */
  async kill(port: number): Promise<void> {
    const node = this.node(port);
    const child = node.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGKILL');
    await exited;
  }

  /** Starts a stopped node again on its data (it rejoins; a former master comes back as a replica). */
  async restart(port: number): Promise<void> {
    const node = this.node(port);
    if (node.child && node.child.exitCode === null && node.child.signalCode === null) return;
    this.spawnNode(node);
    await this.until(`node ${port} answering`, () => this.answers(port), 20000);
  }

  /** Every stopped node started again, then a healthy cluster. */
  async restartStopped(): Promise<void> {
    for (const node of this.nodes) await this.restart(node.port);
    await this.waitHealthy();
  }

  /** CLUSTER FAILOVER on a replica: a coordinated hand-over, its master becomes its replica. */
  async failover(replicaPort: number): Promise<void> {
    const answer = await this.cli(replicaPort, 'CLUSTER', 'FAILOVER');
    if (answer !== 'OK') throw new Error(`CLUSTER FAILOVER on ${replicaPort}: ${answer}`);
  }

  /** FLUSHALL on every master. */
  async flushAll(): Promise<void> {
    for (const node of (await this.layout()).filter((entry) => entry.role === 'master' && !entry.failed))
      await this.cli(node.port, 'FLUSHALL');
  }

  private node(port: number): NodeProcess {
    const node = this.nodes.find((entry) => entry.port === port);
    if (!node) throw new Error(`redis cluster: no node on port ${port}`);
    return node;
  }

  /** SHUTDOWN NOSAVE of every node still running, kill -9 of any that does not exit. */
  async stop(): Promise<void> {
    await Promise.all(
      this.nodes.map(async (node) => {
        const child = node.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        await this.cli(node.port, 'SHUTDOWN', 'NOSAVE').catch(() => undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }),
    );
  }
}
