import type { SubscribedDossierEvent } from '@motcua/domain';
import type { EntityManager } from 'typeorm';

/**
 * Something that reacts to what happened to dossiers (notifications, indicator projections, national-portal sync):
 * one class, registered in `SubscribersModule.forRoot({ subscribers: [...] })`. The runner hands it the dossier
 * events after its durable cursor, in commit order (sequence order per dossier), in batches, and moves the cursor
 * in the same transaction as `apply`: Postgres-side effects happen exactly once. Effects outside Postgres (mail, an
 * HTTP call) must be made idempotent by the subscriber (write an outbox row / a keyed row here, send elsewhere).
 */
export interface DossierEventSubscriber {
  /** Persistent identifier of the cursor row: lower-case letters, digits, dots, dashes. Never rename. */
  readonly name: string;
  /** Only these event types reach `apply`; omitted or empty: every type. */
  readonly eventTypes?: readonly string[];
  /** A new subscriber starts from the first event ever written (default) or from events committed from now on. */
  readonly startAt?: 'beginning' | 'end';
  /**
   * Applies a batch inside the runner's transaction (`manager`). Throwing rolls the batch back; the runner retries
   * it with backoff, so a subscriber never skips an event or sees a dossier's events out of order.
   */
  apply(events: readonly SubscribedDossierEvent[], manager: EntityManager): Promise<void>;
}
