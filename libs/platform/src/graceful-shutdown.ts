import { INestApplicationContext, Logger } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** Share of SHUTDOWN_TIMEOUT_MS that open HTTP requests get to finish before their connections are cut. */
export const HTTP_DRAIN_SHARE = 0.5;

export interface ShutdownTarget {
  /** Name used in log lines (`api`, `workflow`). */
  name: string;
  /** A Nest application, or anything else that closes gracefully (the launcher's worker copies). */
  app: Pick<INestApplicationContext, 'close'>;
  /** The HTTP server of an API application: it stops accepting first. */
  server?: Server;
}

export interface GracefulShutdownOptions {
  /** Hard bound: after this the process exits with code 1 and a log line naming what was still running. */
  timeoutMs: number;
  signals?: NodeJS.Signals[];
  /** Replaced in tests; process.exit otherwise. */
  exit?: (code: number) => void;
}

/**
 * Stops taking HTTP work: no new connections, and a request arriving on an open keep-alive socket is answered 503
 * with `Connection: close` (load balancers retry it elsewhere) instead of being handled. Requests already being
 * handled finish; idle sockets close at once. Resolves when every connection has ended, or after `drainMs`, when
 * the rest are cut (their requests were never answered, so never acknowledged).
 */
export function stopAcceptingHttp(server: Server, drainMs: number): Promise<'drained' | 'cut'> {
  server.removeAllListeners('request');
  server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(503, { 'content-type': 'application/json', connection: 'close', 'retry-after': '1' });
    response.end(JSON.stringify({ statusCode: 503, message: 'The service is shutting down; retry' }));
  });
  return new Promise((resolve) => {
    if (!server.listening) return resolve('drained');
    // Sockets that finish a response after close() would otherwise wait for their keep-alive timeout.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const timer = setTimeout(() => {
      server.closeAllConnections();
      done('cut');
    }, drainMs);
    const done = (outcome: 'drained' | 'cut') => {
      clearInterval(sweep);
      clearTimeout(timer);
      resolve(outcome);
    };
    server.close(() => done('drained'));
    server.closeIdleConnections();
  });
}

/**
 * One shutdown path for every motcua process (launcher, api, workflow), replacing Nest's per-application signal
 * hooks (which, with several applications in one process, raced and re-sent the signal). On SIGTERM or SIGINT:
 * HTTP servers stop accepting and drain (bounded), then each application closes — queue workers stop taking jobs
 * and finish or hand back the active ones, loops and timers stop, Redis and Postgres close — and the process
 * exits 0. Whatever still runs after `timeoutMs` is abandoned: a log line names it and the process exits 1.
 */
export function installGracefulShutdown(targets: ShutdownTarget[], options: GracefulShutdownOptions): void {
  const logger = new Logger('Shutdown');
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let started = false;
  const handler = (signal: NodeJS.Signals) => {
    if (started) {
      logger.warn(`shutdown: ${signal} received again: exiting now`);
      exit(1);
      return;
    }
    started = true;
    void shutdown(signal);
  };

  const shutdown = async (signal: NodeJS.Signals): Promise<void> => {
    const begin = Date.now();
    const pending = new Set(targets.map((target) => target.name));
    logger.log(`shutdown: ${signal} received; stopping within ${options.timeoutMs} ms`);
    const hardStop = setTimeout(() => {
      logger.error(
        `shutdown: not finished after ${options.timeoutMs} ms (still closing: ${[...pending].join(', ') || 'nothing'}): forcing exit`,
      );
      exit(1);
    }, options.timeoutMs);
    hardStop.unref();
    try {
      const drainMs = Math.round(options.timeoutMs * HTTP_DRAIN_SHARE);
      await Promise.all(
        targets.map(async (target) => {
          if (target.server) {
            const outcome = await stopAcceptingHttp(target.server, drainMs);
            logger.log(
              outcome === 'drained'
                ? `shutdown: ${target.name} HTTP drained after ${Date.now() - begin} ms`
                : `shutdown: ${target.name} HTTP connections still open after ${drainMs} ms were cut`,
            );
          }
          await target.app.close();
          pending.delete(target.name);
          logger.log(`shutdown: ${target.name} closed after ${Date.now() - begin} ms`);
        }),
      );
      clearTimeout(hardStop);
      logger.log(`shutdown: complete in ${Date.now() - begin} ms`);
      exit(0);
    } catch (error) {
      logger.error(`shutdown: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      exit(1);
    }
  };

  for (const signal of options.signals ?? (['SIGTERM', 'SIGINT'] as NodeJS.Signals[])) process.on(signal, handler);
}
