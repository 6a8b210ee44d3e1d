import { environmentVariable, MotcuaConfig, processEnvironment, ServiceName } from '@motcua/config';
import { ChildProcess, fork } from 'node:child_process';

/** Set in a forked worker copy's environment: its number (1..N). */
export const WORKER_COPY_VARIABLE = 'MOTCUA_WORKER_COPY';

/** Longest pause before a copy that keeps dying is started again. */
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * The worker copies of a launcher run with MOTCUA_WORKER_PROCESSES = N > 0: N child processes of this same launcher,
 * each booting the worker services (workflow, payment, delivery) named in MOTCUA_SERVICES, while this process keeps
 * the API. Their output goes to this process's (one log). A copy that exits while this launcher runs is forked again
 * (after 1 s, doubling up to 30 s while it keeps dying within a minute): queue jobs it held are retried by BullMQ's
 * stalled-job check and the outbox relay, as after any worker crash.
 *
 * Each copy is its own process group, so a Ctrl-C in a terminal reaches only this launcher, which stops the copies
 * with SIGTERM (one signal: a second would make a copy exit at once). A copy whose launcher died without that (a
 * SIGKILL) sees its IPC channel close and stops itself gracefully (see `stopWhenLauncherGoes`).
 */
export class WorkerCopies {
  private readonly copies = new Map<number, ChildProcess>();
  private stopping = false;

  constructor(
    private readonly config: MotcuaConfig,
    private readonly services: ServiceName[],
  ) {}

  get pids(): number[] {
    return [...this.copies.values()].map((child) => child.pid ?? NaN);
  }

  start(): void {
    for (let number = 1; number <= this.config.MOTCUA_WORKER_PROCESSES; number++) this.fork(number, 1000);
  }

  private fork(number: number, restartDelayMs: number): void {
    const startedAt = Date.now();
    const child = fork(process.argv[1], process.argv.slice(2), {
      execArgv: process.execArgv,
      detached: true,
      stdio: 'inherit',
      env: {
        ...processEnvironment(),
        MOTCUA_SERVICES: this.services.join(','),
        MOTCUA_WORKER_PROCESSES: '0',
        [WORKER_COPY_VARIABLE]: String(number),
        // One SMTP port and one metrics port per machine: the mailbox stays in the launcher, metrics move up by one.
        MAIL_EMBEDDED_SMTP_ENABLED: 'false',
        METRICS_PORT: String(this.config.METRICS_PORT ? this.config.METRICS_PORT + number : 0),
      },
    });
    this.copies.set(number, child);
    console.log(`motcua launcher: worker copy ${number} (pid ${child.pid}) runs ${this.services.join(', ')}`);
    child.once('exit', (code, signal) => {
      this.copies.delete(number);
      if (this.stopping) return;
      const delay = Date.now() - startedAt > 60_000 ? 1000 : restartDelayMs;
      console.error(
        `motcua launcher: worker copy ${number} (pid ${child.pid}) exited (${signal ?? code}); starting it again in ${delay} ms`,
      );
      setTimeout(() => {
        if (!this.stopping) this.fork(number, Math.min(delay * 2, MAX_RESTART_DELAY_MS));
      }, delay);
    });
  }

  /** SIGTERM to every copy; resolves when all have exited (each bounds its own shutdown by SHUTDOWN_TIMEOUT_MS). */
  async close(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.copies.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** In a worker copy: when the launcher that forked it is gone (its IPC channel closed), stop gracefully. */
export function stopWhenLauncherGoes(): void {
  if (!environmentVariable(WORKER_COPY_VARIABLE) || !process.send) return;
  process.once('disconnect', () => {
    console.warn('motcua worker copy: the launcher is gone; stopping');
    process.kill(process.pid, 'SIGTERM');
  });
}
