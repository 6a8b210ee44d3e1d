import { DomainError } from '@motcua/domain';

/** The position after the last row of a page: the row's sort instant and its id (the tie-breaker). */
export interface KeysetPosition {
  at: Date;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Opaque to clients: base64url of `<ISO instant>|<uuid>`. */
export function encodeKeysetCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

/** Decodes a cursor of {@link encodeKeysetCursor}; anything else is a 400 naming the `cursor` parameter. */
export function decodeKeysetCursor(value: string): KeysetPosition {
  const [instant, id, extra] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const at = new Date(instant ?? '');
  if (extra !== undefined || !id || !UUID.test(id) || Number.isNaN(at.getTime())) {
    throw new DomainError('pagination.invalid-cursor', 'cursor: not a cursor returned by this endpoint', 'invalid');
  }
  return { at, id };
}

/**
 * `{ items, nextCursor }` from rows fetched with `LIMIT limit + 1`: the extra row only says that a next page
 * exists (so the last page never hands out a cursor to an empty page).
 */
export function keysetPage<Row, Item>(
  rows: Row[],
  limit: number,
  position: (row: Row) => KeysetPosition,
  toItem: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeKeysetCursor(position(last)) : null,
  };
}
