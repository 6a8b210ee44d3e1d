import { processEnvironment } from '@motcua/config';
import { ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient } from './load';

const ROOT = join(__dirname, '..', '..');
const CLOCK_TICKS = 100;
/** Runs TypeScript sources of the checkout in the working directory (see the file). */
export const TS_REGISTER = join(ROOT, 'bench', 'throughput', 'ts-cached-register.js');

/** CPU seconds (user + system) of a process, from /proc (Linux). */
export function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}

/** CPU seconds of a Postgres server: the postmaster and its children (backends, walwriter, autovacuum...). */
export function postgresCpuSeconds(postmasterPid: number): number {
  let total = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const fields = readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      if (Number(name) === postmasterPid || Number(fields[1]) === postmasterPid) {
        total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
      }
    } catch {
      // The process ended while we looked.
    }
  }
  return total;
}

/** Resident memory of a process in MiB, from /proc (Linux). */
export function rssMiB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((candidate) => candidate.startsWith('VmRSS:'));
  return line ? Number(line.split(/\s+/)[1]) / 1024 : NaN;
}

/**
 * How the app runs: `one` launcher process (API + workflow + payment + delivery, the embedded default), or `split`:
 * the launcher with MOTCUA_WORKER_PROCESSES=1 keeps the API and forks a copy for the workers (workflow, payment,
 * delivery), so HTTP and the queue consumers each get an event loop (issue 16).
 */
export type AppLayout = 'one' | 'split';

/** The child processes of a process (Linux /proc): a split launcher's worker copy. */
function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

/** The report's words for the layouts of a run. */
export function describeLayouts(current: AppLayout, compared: AppLayout | undefined): string {
  const describe = (layout: AppLayout) =>
    layout === 'one'
      ? 'one launcher process (API + workflow + payment + delivery)'
      : 'a launcher with MOTCUA_WORKER_PROCESSES=1 (the API; its forked copy runs workflow + payment + delivery); app CPU is both summed, app RSS the larger';
  if (!compared || compared === current) return `each app is ${describe(current)}`;
  return `this checkout's app is ${describe(current)}, the compared app(s) ${describe(compared)}`;
}

/**
 * The system under test: the launcher run from the TypeScript sources in a child process (forking its worker copy
 * with the `split` layout), logging as in production (info, JSON) to a file.
 */
export class AppProcess {
  private child?: ChildProcess;
  readonly client: HttpClient;

  constructor(
    private readonly environment: Record<string, string>,
    readonly port: number,
    private readonly logFile: string,
    private readonly nodeArguments: string[] = [],
    /** The source checkout to run (another commit's sources for before/after runs). */
    private readonly root = ROOT,
    readonly layout: AppLayout = 'one',
  ) {
    this.client = new HttpClient('127.0.0.1', port);
  }

  /** The process serving HTTP (the launcher). */
  get pid(): number {
    if (!this.child?.pid) throw new Error('app not started');
    return this.child.pid;
  }

  /** Every process of the app, with its role: the launcher and, with the split layout, its worker copy. */
  get processes(): Array<{ role: string; pid: number }> {
    const launcher = {
      role: this.layout === 'split' ? 'launcher: api' : 'launcher: api, workflow, payment, delivery',
      pid: this.pid,
    };
    return [launcher, ...childPids(this.pid).map((pid) => ({ role: 'worker copy: workflow, payment, delivery', pid }))];
  }

  /** CPU seconds of all the app's processes together. */
  cpuSeconds(): number {
    return this.processes.reduce((sum, { pid }) => sum + cpuSeconds(pid), 0);
  }

  /** Resident memory of the app's largest process, MiB (the per-process target is about the largest). */
  rssMiB(): number {
    return Math.max(...this.processes.map(({ pid }) => rssMiB(pid)));
  }

  async start(): Promise<void> {
    // Straight to a file, as `npm run up` does: through a pipe read by this (busy) process, the app's synchronous
    // log writes would wait for the bench to drain the pipe.
    const log = openSync(this.logFile, 'a');
    this.child = spawn(process.execPath, [...this.nodeArguments, '-r', TS_REGISTER, 'apps/launcher/src/main.ts'], {
      cwd: this.root,
      env: {
        ...processEnvironment(),
        ...this.environment,
        ...(this.layout === 'split' ? { MOTCUA_WORKER_PROCESSES: '1' } : {}),
      },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error(`the app exited (${this.child.exitCode}); see ${this.logFile}`);
      const ready = await this.client.send('GET', '/health/ready').catch(() => undefined);
      if (ready?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the app was not ready within 180 s; see ${this.logFile}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    if (this.layout === 'split' && childPids(this.pid).length !== 1)
      throw new Error(
        `the split app runs ${childPids(this.pid).length} worker copies, not 1: does ${this.root}'s launcher know MOTCUA_WORKER_PROCESSES?`,
      );
  }

  /** SIGTERM to the launcher (which stops its worker copy) and the seconds until it exited (graceful shutdown). */
  async stop(): Promise<number> {
    const child = this.child;
    if (!child || child.exitCode !== null) return 0;
    const start = Date.now();
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
    await exited;
    clearTimeout(timeout);
    this.client.close();
    return (Date.now() - start) / 1000;
  }
}
