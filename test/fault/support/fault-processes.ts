import { waitFor } from '../../support/test-config';
import { BuiltProcess, LAUNCHER_MAIN, waitUntilReady } from '../../foundation/support/built-launcher';

export type ProcessRole = 'api' | 'worker';

/** A boot of the built launcher takes ~5 s of CPU: 20 s alone at load 17, minutes when 3 boot at once under load. */
const BOOT_TIMEOUT_MS = 240000;

/** Lines of a crashed process's stdout/stderr kept for the report. */
export const CRASH_TAIL_LINES = 60;

/** One service process the harness started (built launcher, `node dist/apps/launcher/src/main.js`). */
export interface ServiceProcess {
  name: string;
  role: ProcessRole;
  process: BuiltProcess;
  /** Extra settings of this copy (a slow connector, a skewed clock), kept across restarts until cleared. */
  overrides: Record<string, string>;
  /** Output of every earlier incarnation, for the report when something goes wrong. */
  history: string;
  /** Set while a restart boots in the background. */
  booting?: Promise<void>;
}

/**
 * The API and N worker copies (each worker runs workflow, payment and delivery, as `MOTCUA_SERVICES` allows),
 * every one a child of the harness: faults kill them by their own pid, never by name.
 */
export class FaultProcesses {
  readonly all: ServiceProcess[] = [];
  /** Exits the harness did not cause (a crash is a finding, even if the copy is restarted later). */
  readonly crashes: string[] = [];
  private readonly expectedExits = new WeakSet<BuiltProcess>();

  constructor(
    private readonly environment: Record<string, string>,
    private readonly httpPort: number,
    workers: number,
  ) {
    this.all.push({ name: 'api', role: 'api', process: undefined!, overrides: {}, history: '' });
    for (let index = 1; index <= workers; index++)
      this.all.push({ name: `worker-${index}`, role: 'worker', process: undefined!, overrides: {}, history: '' });
  }

  get api(): ServiceProcess {
    return this.all[0];
  }

  get workers(): ServiceProcess[] {
    return this.all.filter((entry) => entry.role === 'worker');
  }

  private spawn(entry: ServiceProcess): void {
    if (entry.process) entry.history += entry.process.output.slice(-20000);
    const started = BuiltProcess.start(LAUNCHER_MAIN, {
      ...this.environment,
      MOTCUA_SERVICES: entry.role === 'api' ? 'api' : 'workflow,payment,delivery',
      // Armed only by the fault 'worker-kill-9-after-smtp-send' (SIGUSR2).
      ...(entry.role === 'worker' ? { FAULT_CRASH_AFTER_SEND: 'applicant-notification-on-sigusr2' } : {}),
      ...entry.overrides,
    });
    entry.process = started;
    void started.exited.then((exit) => {
      if (!this.expectedExits.has(started))
        this.crashes.push(
          `${entry.name} (pid ${started.child.pid}) exited (${exit.code ?? exit.signal}) on its own; the end of its stdout/stderr:\n${started.tail(CRASH_TAIL_LINES)}`,
        );
    });
  }

  /** Every copy at once (the API's readiness canary waits for a worker by itself). */
  async startAll(): Promise<void> {
    for (const entry of this.all) this.spawn(entry);
    await Promise.all([
      ...this.workers.map((worker) => this.waitForWorker(worker)),
      waitUntilReady(this.api.process, this.httpPort, BOOT_TIMEOUT_MS),
    ]);
  }

  private async waitForWorker(entry: ServiceProcess): Promise<void> {
    await waitFor(
      `${entry.name} to boot`,
      async () => {
        if (!entry.process.running) throw new Error(`${entry.name} exited\n${entry.process.tail()}`);
        return entry.process.output.includes('motcua launcher: running');
      },
      BOOT_TIMEOUT_MS,
      100,
    );
  }

  /** (Re)starts one copy and waits until it runs (the API: until /health/ready). */
  async start(entry: ServiceProcess): Promise<void> {
    if (entry.process?.running) throw new Error(`${entry.name} is still running`);
    this.spawn(entry);
    if (entry.role === 'api') await waitUntilReady(entry.process, this.httpPort, BOOT_TIMEOUT_MS);
    else await this.waitForWorker(entry);
  }

  /** Restarts a stopped copy without waiting for it: the other copies carry the load meanwhile. */
  restartInBackground(entry: ServiceProcess): void {
    if (entry.booting || entry.process?.running) return;
    entry.booting = this.start(entry)
      .catch((error: Error) => {
        entry.history += `\nrestart failed: ${error.message}`;
        if (!this.expectedExits.has(entry.process))
          this.crashes.push(`${entry.name} failed to restart: ${error.message}`);
      })
      .finally(() => (entry.booting = undefined));
  }

  /** Worker copies running and booted; waits for a booting one when none is. */
  async readyWorkers(): Promise<ServiceProcess[]> {
    const ready = () => this.workers.filter((entry) => entry.process.running && !entry.booting);
    if (ready().length > 0) return ready();
    const booting = this.workers.map((entry) => entry.booting).filter(Boolean);
    // None booting either (a restart failed): start one now rather than wait on nothing.
    if (booting.length === 0) await this.start(this.workers[0]);
    else await Promise.race(booting);
    return ready();
  }

  /** Every copy up again (restarts still booting finished). */
  async settled(): Promise<void> {
    await Promise.all(this.all.map((entry) => entry.booting));
    for (const entry of this.all) if (!entry.process.running) await this.start(entry);
  }

  /** The next exit of this copy is the fault's doing (it was told to kill itself), not a crash. */
  expectExit(entry: ServiceProcess): void {
    this.expectedExits.add(entry.process);
  }

  /** kill -9 of this copy's pid. */
  async kill(entry: ServiceProcess): Promise<void> {
    this.expectedExits.add(entry.process);
    entry.process.kill();
    await entry.process.exited;
  }

  /** SIGTERM and wait for the graceful drain; returns the exit and how long the drain took. */
  async terminate(entry: ServiceProcess, boundMs: number): Promise<{ code: number | null; ms: number }> {
    const started = Date.now();
    this.expectedExits.add(entry.process);
    entry.process.child.kill('SIGTERM');
    const exit = await entry.process.exitWithin(boundMs);
    return { code: exit.code, ms: Date.now() - started };
  }

  /** The end of a run: copies still booting are killed, the others stopped gracefully. */
  async stopAll(): Promise<void> {
    await Promise.all(
      this.all.map(async (entry) => {
        if (!entry.process?.running) return;
        this.expectedExits.add(entry.process);
        if (entry.booting) return this.kill(entry);
        entry.process.child.kill('SIGTERM');
        await entry.process.exitWithin(15000).catch(() => this.kill(entry));
      }),
    );
    await Promise.all(this.all.map((entry) => entry.booting));
  }
}
