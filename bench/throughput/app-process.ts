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
 * How the app runs: `one` launcher process (API + workflow + payment + delivery, the embedded default), or `split`
 * into two launcher copies as `MOTCUA_SERVICES` allows — the API in one process, the workers (workflow, payment,
 * delivery, the embedded mailbox) in another — so HTTP and the queue consumers each get an event loop (issue 16).
 */
export type AppLayout = 'one' | 'split';

const WORKER_SERVICES = 'workflow,payment,delivery';

/** The report's words for the layouts of a run. */
export function describeLayouts(current: AppLayout, compared: AppLayout | undefined): string {
  const describe = (layout: AppLayout) =>
    layout === 'one'
      ? 'one launcher process (API + workflow + payment + delivery)'
      : 'two processes (the API; workflow + payment + delivery); app CPU is both summed, app RSS the larger';
  if (!compared || compared === current) return `each app is ${describe(current)}`;
  return `this checkout's app is ${describe(current)}, the compared app(s) ${describe(compared)}`;
}

/**
 * The system under test: the launcher run from the TypeScript sources in child processes (one, or two with the
 * `split` layout), logging as in production (info, JSON) to a file.
 */
export class AppProcess {
  /** The API's process last (its readiness is awaited), the workers' first when split. */
  private children: Array<{ role: string; child: ChildProcess }> = [];
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

  /** The process serving HTTP. */
  get pid(): number {
    const api = this.children[this.children.length - 1]?.child;
    if (!api?.pid) throw new Error('app not started');
    return api.pid;
  }

  /** Every process of the app, with its role. */
  get processes(): Array<{ role: string; pid: number }> {
    return this.children.map(({ role, child }) => ({ role, pid: child.pid ?? NaN }));
  }

  /** CPU seconds of all the app's processes together. */
  cpuSeconds(): number {
    return this.processes.reduce((sum, { pid }) => sum + cpuSeconds(pid), 0);
  }

  /** Resident memory of the app's largest process, MiB (the per-process target is about the largest). */
  rssMiB(): number {
    return Math.max(...this.processes.map(({ pid }) => rssMiB(pid)));
  }

  private spawnCopy(role: string, environment: Record<string, string>, logFile: string): ChildProcess {
    // Straight to a file, as `npm run up` does: through a pipe read by this (busy) process, the app's synchronous
    // log writes would wait for the bench to drain the pipe.
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, [...this.nodeArguments, '-r', TS_REGISTER, 'apps/launcher/src/main.ts'], {
      cwd: this.root,
      env: { ...processEnvironment(), ...this.environment, ...environment },
      stdio: ['ignore', log, log],
    });
    closeSync(log);
    this.children.push({ role, child });
    return child;
  }

  async start(): Promise<void> {
    if (this.layout === 'split') {
      this.spawnCopy(`workers (${WORKER_SERVICES})`, { MOTCUA_SERVICES: WORKER_SERVICES }, `${this.logFile}.workers`);
      this.spawnCopy('api', { MOTCUA_SERVICES: 'api', MAIL_EMBEDDED_SMTP_ENABLED: 'false' }, this.logFile);
    } else {
      this.spawnCopy('launcher (api, workflow, payment, delivery)', {}, this.logFile);
    }
    const deadline = Date.now() + 180_000;
    for (;;) {
      const exited = this.children.find(({ child }) => child.exitCode !== null);
      if (exited) throw new Error(`the app's ${exited.role} exited (${exited.child.exitCode}); see ${this.logFile}*`);
      const ready = await this.client.send('GET', '/health/ready').catch(() => undefined);
      if (ready?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`the app was not ready within 180 s; see ${this.logFile}*`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  /** SIGTERM to every process and the seconds until the last one exited (graceful shutdown). */
  async stop(): Promise<number> {
    const running = this.children.map(({ child }) => child).filter((child) => child.exitCode === null);
    if (!running.length) return 0;
    const start = Date.now();
    await Promise.all(
      running.map(async (child) => {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        const timeout = setTimeout(() => child.kill('SIGKILL'), 60_000);
        await exited;
        clearTimeout(timeout);
      }),
    );
    this.client.close();
    return (Date.now() - start) / 1000;
  }
}
