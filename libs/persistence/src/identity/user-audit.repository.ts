import { EntityManager } from 'typeorm';

export const USER_AUDIT_ACTIONS = [
  'created',
  'updated',
  'disabled',
  'enabled',
  'password-reset',
  'password-changed',
] as const;
export type UserAuditAction = (typeof USER_AUDIT_ACTIONS)[number];

export interface UserAuditEventRow {
  id: string;
  userId: string;
  action: UserAuditAction;
  actorUserId: string;
  actorUsername: string;
  details: Record<string, unknown>;
  occurredAt: Date;
}

/** The audit trail of account changes (`user_audit_event`): written in the transaction of the change itself. */
export class UserAuditRepository {
  constructor(private readonly manager: EntityManager) {}

  /** `details` says what changed (never a password or a hash). */
  async record(
    userId: string,
    action: UserAuditAction,
    actor: { userId: string; username: string },
    details: Record<string, unknown>,
  ): Promise<void> {
    await this.manager.query(
      `INSERT INTO user_audit_event (user_id, action, actor_user_id, actor_username, details) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [userId, action, actor.userId, actor.username, JSON.stringify(details)],
    );
  }

  /** Newest first. */
  async page(userId: string, page: number, pageSize: number): Promise<{ items: UserAuditEventRow[]; total: number }> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `SELECT id, user_id, action, actor_user_id, actor_username, details, occurred_at, count(*) OVER ()::int AS total
         FROM user_audit_event WHERE user_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3`,
      [userId, pageSize, (page - 1) * pageSize],
    );
    const total = rows.length > 0 ? (rows[0].total as number) : await this.count(userId);
    return {
      total,
      items: rows.map((row) => ({
        id: String(row.id),
        userId: row.user_id as string,
        action: row.action as UserAuditAction,
        actorUserId: row.actor_user_id as string,
        actorUsername: row.actor_username as string,
        details: row.details as Record<string, unknown>,
        occurredAt: row.occurred_at as Date,
      })),
    };
  }

  private async count(userId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.manager.query(
      `SELECT count(*)::int AS n FROM user_audit_event WHERE user_id = $1`,
      [userId],
    );
    return rows[0].n;
  }
}
