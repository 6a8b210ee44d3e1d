import {
  comparePositions,
  isInDossierOrder,
  isValidSubscriberName,
  SubscriberPosition,
  subscriberRetryDelayMs,
} from '@motcua/domain';
import {
  advanceEventSubscriber,
  EventSubscriberLag,
  listEventSubscriberLag,
  readDossierEventHead,
  readEventSubscriberBatch,
  recordEventSubscriberFailure,
  registerEventSubscriber,
  tryLockEventSubscriber,
} from '@motcua/persistence';
import type { DataSource } from 'typeorm';
import type { DossierEventSubscriber } from './dossier-event-subscriber';

export interface SubscriberRunnerOptions {
  batchSize: number;
  pollIntervalMs: number;
  /** Current time, from the one clock abstraction (stamps `applied_at` / `last_error_at`). */
  now: () => Date;
  onError?: (subscriber: string, error: unknown) => void;
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export type BatchOutcome =
  | { status: 'applied'; scanned: number; applied: number; position: SubscriberPosition }
  | { status: 'idle'; position: SubscriberPosition }
  /** Another runner (this or another process) holds the subscriber's lock. */
  | { status: 'busy' };

interface SubscriberState {
  subscriber: DossierEventSubscriber;
  /** Last cursor seen by this process (undefined: unknown, e.g. another process is running it). */
  position?: SubscriberPosition;
  failures: number;
  retryAt: number;
}

/**
 * Runs dossier-event subscribers: reads each one's events after its cursor, applies them and advances the cursor in
 * one transaction, one batch at a time. Needs only Postgres (no Redis: a flush loses nothing). Any number of runners
 * may run in any number of processes; a transaction-scoped advisory lock lets one of them apply a given subscriber's
 * batch at a time. Idle runners poll with one index probe per tick (the head of the readable log) and run only the
 * subscribers behind it.
 */
export class SubscriberRunner {
  private readonly states: SubscriberState[];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = true;
  private registered = false;
  private woken = false;

  constructor(
    private readonly dataSource: DataSource,
    subscribers: readonly DossierEventSubscriber[],
    private readonly options: SubscriberRunnerOptions,
  ) {
    const names = new Set<string>();
    for (const subscriber of subscribers) {
      if (!isValidSubscriberName(subscriber.name)) throw new Error(`invalid event subscriber name: ${subscriber.name}`);
      if (names.has(subscriber.name)) throw new Error(`two event subscribers are named ${subscriber.name}`);
      names.add(subscriber.name);
    }
    this.states = subscribers.map((subscriber) => ({ subscriber, failures: 0, retryAt: 0 }));
  }

  get subscriberNames(): string[] {
    return this.states.map((state) => state.subscriber.name);
  }

  /** Creates missing cursor rows (idempotent; concurrent processes may all call it). */
  async register(): Promise<void> {
    for (const { subscriber } of this.states) {
      await registerEventSubscriber(this.dataSource.manager, {
        name: subscriber.name,
        eventTypes: subscriber.eventTypes ?? null,
        startAt: subscriber.startAt ?? 'beginning',
      });
    }
    this.registered = true;
  }

  start(): void {
    if (!this.stopped || this.states.length === 0) return;
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Look for new events now instead of at the next poll (e.g. right after writing events in this process). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) {
      this.woken = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.schedule(0);
  }

  /** One batch of one subscriber, in one transaction. */
  async runBatch(subscriber: DossierEventSubscriber): Promise<BatchOutcome> {
    const name = subscriber.name;
    return this.dataSource.transaction(async (manager): Promise<BatchOutcome> => {
      if (!(await tryLockEventSubscriber(manager, name))) return { status: 'busy' };
      const batch = await readEventSubscriberBatch(manager, name, this.options.batchSize);
      if (batch.last === null) return { status: 'idle', position: batch.from };
      if (!isInDossierOrder(batch.events)) throw new Error(`event subscriber ${name}: batch out of dossier order`);
      if (batch.events.length > 0) await subscriber.apply(batch.events, manager);
      await advanceEventSubscriber(manager, name, batch.last, batch.events.length, this.options.now());
      return { status: 'applied', scanned: batch.scanned, applied: batch.events.length, position: batch.last };
    });
  }

  /**
   * Runs every subscriber until it has applied every event committed before the call (tests, and one-shot catch-up
   * such as `npm run indicators:rebuild`); returns how many events this call applied. An event is readable only once
   * no older transaction is still open anywhere in the cluster (the visibility horizon), so while another
   * transaction runs (another process, another database of the same server) this waits for it rather than returning
   * early; and a subscriber another runner holds is waited for the same way. Gives up after `waitMs`, saying which
   * subscriber is behind; `waitMs: 0` makes one pass over what is readable now and returns.
   */
  async drain(options: { waitMs?: number } = {}): Promise<number> {
    const waitMs = options.waitMs ?? 60_000;
    if (!this.registered) await this.register();
    const target = await this.committedHead();
    const deadline = Date.now() + waitMs;
    let applied = 0;
    for (const state of this.states) {
      for (;;) {
        const outcome = await this.runBatch(state.subscriber);
        if (outcome.status === 'applied') {
          applied += outcome.applied;
          continue;
        }
        if (waitMs === 0 || !target || (await this.reached(state.subscriber.name, target))) break;
        if (Date.now() > deadline)
          throw new Error(
            `event subscriber ${state.subscriber.name}: not caught up with ${target.tx}/${target.eventId} after ${waitMs} ms (an older transaction still open?)`,
          );
        await new Promise((resolve) => setTimeout(resolve, Math.min(this.options.pollIntervalMs, 50)));
      }
    }
    return applied;
  }

  /** The last event committed so far, in log order (visible to a new snapshot, whatever the horizon). */
  private async committedHead(): Promise<SubscriberPosition | null> {
    const rows: Array<{ tx: string; id: string }> = await this.dataSource.query(
      `SELECT tx_order::text AS tx, id::text AS id FROM dossier_event
       ORDER BY dossier_event.tx_order DESC, dossier_event.id DESC LIMIT 1`,
    );
    return rows.length > 0 ? { tx: rows[0].tx, eventId: rows[0].id } : null;
  }

  private async reached(name: string, target: SubscriberPosition): Promise<boolean> {
    const rows: Array<{ reached: boolean }> = await this.dataSource.query(
      `SELECT (position_tx, position_id) >= ($2::xid8, $3::bigint) AS reached FROM event_subscriber WHERE name = $1`,
      [name, target.tx, target.eventId],
    );
    return rows[0]?.reached === true;
  }

  /** Lag of every registered subscriber (including those run by other processes). */
  lag(): Promise<EventSubscriberLag[]> {
    return listEventSubscriberLag(this.dataSource.manager);
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.woken = false;
      this.running = this.tick()
        .then((more) => {
          this.running = undefined;
          this.schedule(more || this.woken ? 0 : this.options.pollIntervalMs);
        })
        .finally(() => {
          this.running = undefined;
        });
    }, delayMs);
  }

  /** One pass over the subscribers; true when one of them has more to read right away. */
  private async tick(): Promise<boolean> {
    try {
      if (!this.registered) await this.register();
      const head = await readDossierEventHead(this.dataSource.manager);
      if (head === null) return false;
      let more = false;
      for (const state of this.states) {
        if (this.stopped) return false;
        if (Date.now() < state.retryAt) continue;
        if (state.position && comparePositions(head, state.position) <= 0) continue;
        more = (await this.runState(state)) || more;
      }
      return more;
    } catch (error) {
      this.options.onError?.('*', error);
      return false;
    }
  }

  private async runState(state: SubscriberState): Promise<boolean> {
    const name = state.subscriber.name;
    try {
      const outcome = await this.runBatch(state.subscriber);
      state.failures = 0;
      state.retryAt = 0;
      state.position = outcome.status === 'busy' ? undefined : outcome.position;
      return outcome.status === 'applied' && outcome.scanned >= this.options.batchSize;
    } catch (error) {
      state.position = undefined;
      const now = this.options.now();
      state.failures = await recordEventSubscriberFailure(this.dataSource.manager, name, describe(error), now).catch(
        () => state.failures + 1,
      );
      state.retryAt =
        Date.now() + subscriberRetryDelayMs(state.failures, this.options.retryBaseMs, this.options.retryMaxMs);
      this.options.onError?.(name, error);
      return false;
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
