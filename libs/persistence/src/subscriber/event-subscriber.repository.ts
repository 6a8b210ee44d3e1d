import { SubscribedDossierEvent, SubscriberPosition } from '@motcua/domain';
import { EntityManager } from 'typeorm';

/**
 * I/O of the event subscribers (issue 9): cursor rows in `event_subscriber`, and the commit-ordered read of
 * `dossier_event`. Order is (tx_order, id); only events below the visibility horizon (the oldest transaction still
 * running) are read, so an event whose transaction commits late is never skipped: it is read when its turn comes.
 * See the event-subscribers migration and docs/DESIGN-NOTES.md.
 */

export interface EventSubscriberRegistration {
  name: string;
  /** Only these event types are applied (the cursor still passes the others); null or empty: every type. */
  eventTypes: readonly string[] | null;
  /** Where a new subscriber starts: every event ever written, or only events committed from now on. */
  startAt: 'beginning' | 'end';
}

export interface EventSubscriberBatch {
  /** The cursor the batch was read from. */
  from: SubscriberPosition;
  /** Events to apply, filtered by type, in log order (which is sequence order per dossier). */
  events: SubscribedDossierEvent[];
  /** The last event read (matching or not); the cursor moves here. Null when nothing was read. */
  last: SubscriberPosition | null;
  /** Events read, before the type filter. */
  scanned: number;
}

export interface EventSubscriberLag {
  name: string;
  eventTypes: string[] | null;
  position: SubscriberPosition;
  /** Committed (or in-flight-but-visible) events after the cursor that the subscriber will apply. */
  pendingEvents: number;
  /** When the oldest of them was written (null when none). */
  oldestPendingAt: Date | null;
  /** Its age in milliseconds by the database's wall clock (operational lag, not legal time). */
  oldestPendingAgeMs: number;
  appliedCount: number;
  appliedAt: Date | null;
  failureCount: number;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** Creates the subscriber's cursor row if missing (keeping an existing cursor) and records its current filter. */
export async function registerEventSubscriber(
  manager: EntityManager,
  registration: EventSubscriberRegistration,
): Promise<void> {
  const types = registration.eventTypes && registration.eventTypes.length > 0 ? [...registration.eventTypes] : null;
  // 'end': every event committed before now is passed; anything still in flight (tx_order ≥ horizon) is applied.
  const startTx = registration.startAt === 'end' ? `pg_snapshot_xmin(pg_current_snapshot())` : `'0'::xid8`;
  await manager.query(
    `INSERT INTO event_subscriber (name, event_types, position_tx, position_id)
     VALUES ($1, $2::text[], ${startTx}, 0)
     ON CONFLICT (name) DO UPDATE SET event_types = EXCLUDED.event_types`,
    [registration.name, types],
  );
}

/**
 * Takes the subscriber's transaction-scoped advisory lock without waiting: one runner per subscriber at a time,
 * across processes (released at commit/rollback, or when a killed process's connection drops). Taking it assigns no
 * transaction id, so the horizon read after it is not held back by the reader itself.
 */
export async function tryLockEventSubscriber(manager: EntityManager, name: string): Promise<boolean> {
  const rows: Array<{ locked: boolean }> = await manager.query(
    `SELECT pg_try_advisory_xact_lock(hashtextextended('event-subscriber:' || $1, 0)) AS locked`,
    [name],
  );
  return rows[0].locked === true;
}

interface EventRow {
  id: string;
  dossier_id: string;
  sequence: number;
  type: string;
  matches: boolean;
  payload: Record<string, unknown> | null;
  actor_user_id: string | null;
  actor_agency_id: string | null;
  occurred_at: Date;
  tx_order: string;
}

/**
 * Reads the subscriber's cursor and the next `limit` events after it, below the horizon, in (tx_order, id) order.
 * Must run before the transaction writes anything (a transaction id of its own would lower the horizon).
 */
export async function readEventSubscriberBatch(
  manager: EntityManager,
  name: string,
  limit: number,
): Promise<EventSubscriberBatch> {
  const cursor: Array<{ position_tx: string; position_id: string; event_types: string[] | null }> = await manager.query(
    `SELECT position_tx::text AS position_tx, position_id::text AS position_id, event_types
       FROM event_subscriber WHERE name = $1`,
    [name],
  );
  if (cursor.length === 0) throw new Error(`event subscriber ${name} is not registered`);
  const { position_tx, position_id, event_types } = cursor[0];
  // One statement, so the horizon and the rows come from the same snapshot.
  const rows: EventRow[] = await manager.query(
    `SELECT id::text AS id, dossier_id, sequence, type, matches,
            CASE WHEN matches THEN payload END AS payload,
            actor_user_id, actor_agency_id, occurred_at, tx_order::text AS tx_order
     FROM (SELECT e.*, ($3::text[] IS NULL OR e.type = ANY($3::text[])) AS matches
           FROM dossier_event e
           WHERE (e.tx_order, e.id) > ($1::xid8, $2::bigint)
             AND e.tx_order < pg_snapshot_xmin(pg_current_snapshot())
           ORDER BY e.tx_order, e.id
           LIMIT $4) batch
     -- the columns, not the text aliases above: text order is not log order ('10' < '9')
     ORDER BY batch.tx_order, batch.id`,
    [position_tx, position_id, event_types, limit],
  );
  const events = rows
    .filter((row) => row.matches)
    .map((row) => ({
      id: row.id,
      dossierId: row.dossier_id,
      sequence: Number(row.sequence),
      type: row.type,
      payload: row.payload ?? {},
      actorUserId: row.actor_user_id,
      actorAgencyId: row.actor_agency_id,
      occurredAt: new Date(row.occurred_at),
      position: { tx: row.tx_order, eventId: row.id },
    }));
  const lastRow = rows.at(-1);
  return {
    from: { tx: position_tx, eventId: position_id },
    events,
    last: lastRow ? { tx: lastRow.tx_order, eventId: lastRow.id } : null,
    scanned: rows.length,
  };
}

/** Moves the cursor (in the transaction that applied the batch) and clears the failure streak. */
export async function advanceEventSubscriber(
  manager: EntityManager,
  name: string,
  position: SubscriberPosition,
  applied: number,
  now: Date,
): Promise<void> {
  const updated: [unknown[], number] = await manager.query(
    `UPDATE event_subscriber
     SET position_tx = $2::xid8, position_id = $3::bigint, applied_count = applied_count + $4,
         applied_at = CASE WHEN $4 > 0 THEN $5 ELSE applied_at END, failure_count = 0
     WHERE name = $1 AND (position_tx, position_id) < ($2::xid8, $3::bigint)`,
    [name, position.tx, position.eventId, applied, now],
  );
  // The advisory lock makes this impossible; refusing keeps a bug from applying a batch twice.
  if (updated[1] !== 1)
    throw new Error(`event subscriber ${name}: cursor did not move forward to ${position.tx}/${position.eventId}`);
}

/** Records a failed batch (its own transaction: the batch's was rolled back). */
export async function recordEventSubscriberFailure(
  manager: EntityManager,
  name: string,
  error: string,
  now: Date,
): Promise<number> {
  const [rows]: [Array<{ failure_count: number }>, number] = await manager.query(
    `UPDATE event_subscriber SET failure_count = failure_count + 1, last_error = left($2, 2000), last_error_at = $3
     WHERE name = $1 RETURNING failure_count`,
    [name, error, now],
  );
  return rows.length > 0 ? Number(rows[0].failure_count) : 0;
}

/**
 * The newest position a reader could reach now (the last event below the horizon); null for an empty log. The ORDER
 * BY names the table's columns: bare `tx_order, id` would mean the `::text` output aliases (a text sort, '9' > '10',
 * and a sequential scan + sort of the whole log on every idle probe instead of one step down the index).
 */
export async function readDossierEventHead(manager: EntityManager): Promise<SubscriberPosition | null> {
  const rows: Array<{ tx_order: string; id: string }> = await manager.query(
    `SELECT tx_order::text AS tx_order, id::text AS id FROM dossier_event
     WHERE tx_order < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY dossier_event.tx_order DESC, dossier_event.id DESC LIMIT 1`,
  );
  return rows.length > 0 ? { tx: rows[0].tx_order, eventId: rows[0].id } : null;
}

/** Every registered subscriber with its lag (for the admin route and metrics). */
export async function listEventSubscriberLag(manager: EntityManager): Promise<EventSubscriberLag[]> {
  const rows: Array<{
    name: string;
    event_types: string[] | null;
    position_tx: string;
    position_id: string;
    pending: string;
    oldest: Date | null;
    age_ms: string | null;
    applied_count: string;
    applied_at: Date | null;
    failure_count: number;
    last_error: string | null;
    last_error_at: Date | null;
  }> = await manager.query(
    `SELECT s.name, s.event_types, s.position_tx::text AS position_tx, s.position_id::text AS position_id,
            lag.pending, lag.oldest,
            floor(extract(epoch FROM (clock_timestamp() - lag.oldest)) * 1000)::bigint AS age_ms,
            s.applied_count, s.applied_at, s.failure_count, s.last_error, s.last_error_at
     FROM event_subscriber s
     CROSS JOIN LATERAL (
       SELECT count(*)::bigint AS pending, min(e.created_at) AS oldest
       FROM dossier_event e
       WHERE (e.tx_order, e.id) > (s.position_tx, s.position_id)
         AND (s.event_types IS NULL OR e.type = ANY(s.event_types))
     ) lag
     ORDER BY s.name`,
  );
  return rows.map((row) => ({
    name: row.name,
    eventTypes: row.event_types,
    position: { tx: row.position_tx, eventId: row.position_id },
    pendingEvents: Number(row.pending),
    oldestPendingAt: row.oldest ? new Date(row.oldest) : null,
    oldestPendingAgeMs: row.age_ms === null ? 0 : Math.max(0, Number(row.age_ms)),
    appliedCount: Number(row.applied_count),
    appliedAt: row.applied_at ? new Date(row.applied_at) : null,
    failureCount: Number(row.failure_count),
    lastError: row.last_error,
    lastErrorAt: row.last_error_at ? new Date(row.last_error_at) : null,
  }));
}
