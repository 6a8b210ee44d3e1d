import { DomainError } from '@motcua/domain';
import { decodeKeysetCursor, encodeKeysetCursor, keysetPage } from './keyset-cursor';

const ID = '0b6f1a1e-3c1d-4a52-9d0e-2f4f8c1b7a10';

describe('keyset cursor', () => {
  it('round-trips a position', () => {
    const at = new Date('2026-12-03T08:00:00.000Z');
    expect(decodeKeysetCursor(encodeKeysetCursor({ at, id: ID }))).toEqual({ at, id: ID });
  });

  it.each([
    ['not base64 of anything useful', 'bm90LWEtY3Vyc29y'],
    ['a date but no id', Buffer.from('2026-12-03T08:00:00.000Z').toString('base64url')],
    ['an id that is no uuid', Buffer.from('2026-12-03T08:00:00.000Z|1 OR 1=1').toString('base64url')],
    ['an impossible date', Buffer.from(`2026-02-30T25:00:00Z|${ID}`).toString('base64url')],
    ['extra parts', Buffer.from(`2026-12-03T08:00:00.000Z|${ID}|x`).toString('base64url')],
    ['empty', ''],
  ])('refuses %s as a 400-kind error naming the parameter', (_label, value) => {
    let caught: unknown;
    try {
      decodeKeysetCursor(value);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).kind).toBe('invalid');
    expect((caught as DomainError).message).toMatch(/^cursor:/);
  });

  it('hands out a cursor only when a row beyond the page exists', () => {
    const rows = [1, 2, 3].map((n) => ({ n, at: new Date(Date.UTC(2026, 0, n)), id: ID }));
    const full = keysetPage(
      rows,
      2,
      (row) => row,
      (row) => row.n,
    );
    expect(full.items).toEqual([1, 2]);
    expect(decodeKeysetCursor(full.nextCursor as string).at).toEqual(rows[1].at);
    const last = keysetPage(
      rows.slice(0, 2),
      2,
      (row) => row,
      (row) => row.n,
    );
    expect(last).toEqual({ items: [1, 2], nextCursor: null });
  });
});
