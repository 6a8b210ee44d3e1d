import { EntityManager } from 'typeorm';

export type RotationResult =
  | { outcome: 'rotated'; userId: string }
  /** The token was already used or revoked: every token of the user is revoked (theft detection). */
  | { outcome: 'reused'; userId: string }
  | { outcome: 'invalid' };

/** Rotating refresh tokens, looked up by their sha256 (the token itself is never stored). */
export class RefreshTokenRepository {
  constructor(private readonly manager: EntityManager) {}

  async issue(userId: string, tokenHash: string, expiresAt: Date): Promise<string> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO refresh_token (user_id, token_hash, expires_at) VALUES ($1, $2, $3) RETURNING id`,
      [userId, tokenHash, expiresAt],
    );
    return rows[0].id;
  }

  /**
   * Exchanges a live token for a new one (the old row is revoked and points at its replacement). Call inside a
   * transaction: the row is locked so two concurrent refreshes with one token cannot both succeed.
   */
  async rotate(tokenHash: string, newTokenHash: string, newExpiresAt: Date, now: Date): Promise<RotationResult> {
    const rows: Array<{ id: string; user_id: string; expires_at: Date; revoked_at: Date | null }> =
      await this.manager.query(
        `SELECT id, user_id, expires_at, revoked_at FROM refresh_token WHERE token_hash = $1 FOR UPDATE`,
        [tokenHash],
      );
    const row = rows[0];
    if (!row) return { outcome: 'invalid' };
    if (row.revoked_at) {
      await this.revokeAllForUser(row.user_id, now);
      return { outcome: 'reused', userId: row.user_id };
    }
    if (row.expires_at.getTime() <= now.getTime()) return { outcome: 'invalid' };
    const replacement = await this.issue(row.user_id, newTokenHash, newExpiresAt);
    await this.manager.query(`UPDATE refresh_token SET revoked_at = $2, replaced_by = $3 WHERE id = $1`, [
      row.id,
      now,
      replacement,
    ]);
    return { outcome: 'rotated', userId: row.user_id };
  }

  async ownerOf(tokenHash: string): Promise<string | null> {
    const rows: Array<{ user_id: string }> = await this.manager.query(
      `SELECT user_id FROM refresh_token WHERE token_hash = $1`,
      [tokenHash],
    );
    return rows[0]?.user_id ?? null;
  }

  /** Revokes one token (logout); returns the owner when the token existed. */
  async revoke(tokenHash: string, now: Date): Promise<string | null> {
    const rows: Array<Array<{ user_id: string }>> = await this.manager.query(
      `UPDATE refresh_token SET revoked_at = coalesce(revoked_at, $2) WHERE token_hash = $1 RETURNING user_id`,
      [tokenHash, now],
    );
    return rows[0]?.[0]?.user_id ?? null;
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    await this.manager.query(`UPDATE refresh_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      now,
    ]);
  }
}
