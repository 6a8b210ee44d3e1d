import { AsyncLocalStorage } from 'node:async_hooks';
import type { Server } from 'node:http';
import { Client } from 'pg';

/** One statement sent to Postgres by any pg client of this process, tagged with who sent it. */
export interface CountedStatement {
  /** 'request' (inside an HTTP request of the wrapped server), 'harness' (the test's own), or 'background'. */
  source: 'request' | 'harness' | 'background';
  sql: string;
  /** Rows returned or changed (null for statements without a row count: BEGIN, COMMIT, SET...). */
  rowCount: number | null;
}

/**
 * Counts every statement this process sends through `pg` (TypeORM's query runners, plain pools, transactions),
 * tagged by async context: statements of a wrapped HTTP server's requests are 'request', those sent inside
 * `harness()` are the test's own, everything else (outbox relays, workers, subscribers) is 'background'.
 */
export class StatementCounter {
  readonly statements: CountedStatement[] = [];
  private readonly context = new AsyncLocalStorage<CountedStatement['source']>();
  private readonly original = Client.prototype.query;

  install(server: Server): void {
    const listeners = server.listeners('request') as Array<(...args: unknown[]) => void>;
    server.removeAllListeners('request');
    for (const listener of listeners) {
      server.on('request', (...args: unknown[]) => this.context.run('request', () => listener.apply(server, args)));
    }
    const context = this.context;
    const statements = this.statements;
    const original = this.original;
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text: string };
      const entry: CountedStatement = {
        source: context.getStore() ?? 'background',
        sql: typeof first === 'string' ? first : first?.text,
        rowCount: null,
      };
      statements.push(entry);
      const result = (original as (...a: unknown[]) => unknown).apply(this, args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        (result as Promise<{ rowCount?: number | null }>).then(
          (value) => (entry.rowCount = value?.rowCount ?? null),
          () => undefined,
        );
      }
      return result;
    } as typeof Client.prototype.query;
  }

  uninstall(): void {
    Client.prototype.query = this.original;
  }

  /** Runs the test's own statements (setup checks, idle waits) outside the counts. */
  harness<T>(call: () => Promise<T>): Promise<T> {
    return this.context.run('harness', call);
  }

  reset(): void {
    this.statements.length = 0;
  }

  of(source: CountedStatement['source']): CountedStatement[] {
    return this.statements.filter((statement) => statement.source === source);
  }

  /** Background statements that did something (a row returned or changed): idle polls that found nothing are left out. */
  backgroundWork(): CountedStatement[] {
    return this.of('background').filter((statement) => (statement.rowCount ?? 0) > 0);
  }

  /** Statement shapes with their counts, for the failure message and the report. */
  static shapes(statements: CountedStatement[]): string[] {
    const counts = new Map<string, number>();
    for (const statement of statements) {
      const shape = statement.sql.replace(/\s+/g, ' ').trim().slice(0, 110);
      counts.set(shape, (counts.get(shape) ?? 0) + 1);
    }
    return [...counts].map(([shape, count]) => `${count} × ${shape}`);
  }
}
