import { EntityManager } from 'typeorm';

/** An account as admins see it (no password hash, ever). */
export interface StaffUserRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  agencyId: string;
  agencyIdentifier: string;
  agencyName: string;
  agencyPath: string;
  active: boolean;
  mustChangePassword: boolean;
  disabledAt: Date | null;
  lockedUntil: Date | null;
  createdAt: Date;
}

export interface StaffUserFilter {
  /** SQL LIKE prefix of agency paths the admin may see (`/` for every agency). */
  agencyPathPrefix: string;
  agencyId?: string;
  role?: string;
  active?: boolean;
  /** Part of the username or display name (case-insensitive). */
  search?: string;
}

const SELECT = `SELECT u.id, u.username, u.display_name, u.roles, u.agency_id, a.identifier AS agency_identifier,
       a.name AS agency_name, a.path AS agency_path, u.active, u.must_change_password, u.disabled_at, u.locked_until,
       u.created_at
  FROM app_user u JOIN agency a ON a.id = u.agency_id`;

function toRow(row: Record<string, unknown>): StaffUserRow {
  return {
    id: row.id as string,
    username: row.username as string,
    displayName: row.display_name as string,
    roles: row.roles as string[],
    agencyId: row.agency_id as string,
    agencyIdentifier: row.agency_identifier as string,
    agencyName: row.agency_name as string,
    agencyPath: row.agency_path as string,
    active: row.active as boolean,
    mustChangePassword: row.must_change_password as boolean,
    disabledAt: (row.disabled_at as Date | null) ?? null,
    lockedUntil: (row.locked_until as Date | null) ?? null,
    createdAt: row.created_at as Date,
  };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** Staff administration reads and writes on `app_user`; the scope (agency subtree) is in every signature. */
export class StaffUserRepository {
  constructor(private readonly manager: EntityManager) {}

  /** One user inside the subtree, or null (outside it counts as absent). `lock` takes the row lock for a change. */
  async findInScope(id: string, agencyPathPrefix: string, lock = false): Promise<StaffUserRow | null> {
    const rows: Array<Record<string, unknown>> = await this.manager.query(
      `${SELECT} WHERE u.id = $1 AND a.path LIKE $2 || '%'${lock ? ' FOR UPDATE OF u' : ''}`,
      [id, escapeLike(agencyPathPrefix)],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** A page of users, ordered by username. */
  async page(
    filter: StaffUserFilter,
    page: number,
    pageSize: number,
  ): Promise<{ items: StaffUserRow[]; total: number }> {
    const conditions = [`a.path LIKE $1 || '%'`];
    const parameters: unknown[] = [escapeLike(filter.agencyPathPrefix)];
    const add = (sql: (placeholder: string) => string, value: unknown) => {
      parameters.push(value);
      conditions.push(sql(`$${parameters.length}`));
    };
    if (filter.agencyId) add((p) => `u.agency_id = ${p}`, filter.agencyId);
    if (filter.role) add((p) => `${p} = ANY (u.roles)`, filter.role);
    if (filter.active !== undefined) add((p) => `u.active = ${p}`, filter.active);
    if (filter.search)
      add(
        (p) => `(lower(u.username) LIKE '%' || ${p} || '%' OR lower(u.display_name) LIKE '%' || ${p} || '%')`,
        escapeLike(filter.search.toLowerCase()),
      );
    const where = conditions.join(' AND ');
    const [rows, counted] = await Promise.all([
      this.manager.query(
        `${SELECT} WHERE ${where} ORDER BY lower(u.username), u.id LIMIT $${parameters.length + 1} OFFSET $${parameters.length + 2}`,
        [...parameters, pageSize, (page - 1) * pageSize],
      ) as Promise<Array<Record<string, unknown>>>,
      this.manager.query(
        `SELECT count(*)::int AS n FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE ${where}`,
        parameters,
      ) as Promise<Array<{ n: number }>>,
    ]);
    return { items: rows.map(toRow), total: counted[0].n };
  }

  async usernameTaken(username: string): Promise<boolean> {
    const rows: unknown[] = await this.manager.query(`SELECT 1 FROM app_user WHERE lower(username) = lower($1)`, [
      username,
    ]);
    return rows.length > 0;
  }

  async insert(input: {
    username: string;
    displayName: string;
    passwordHash: string;
    roles: string[];
    agencyId: string;
  }): Promise<string> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, agency_id, must_change_password)
       VALUES ($1, $2, $3, $4::text[], $5, true) RETURNING id`,
      [input.username, input.displayName, input.passwordHash, input.roles, input.agencyId],
    );
    return rows[0].id;
  }

  async update(id: string, changes: { displayName?: string; roles?: string[]; agencyId?: string }): Promise<void> {
    await this.manager.query(
      `UPDATE app_user SET display_name = coalesce($2, display_name), roles = coalesce($3::text[], roles),
              agency_id = coalesce($4, agency_id) WHERE id = $1`,
      [id, changes.displayName ?? null, changes.roles ?? null, changes.agencyId ?? null],
    );
  }

  /** Disabled accounts cannot sign in; their access tokens are refused (the guard reads `active` per request). */
  async setActive(id: string, active: boolean, now: Date): Promise<void> {
    await this.manager.query(
      `UPDATE app_user SET active = $2, disabled_at = CASE WHEN $2 THEN NULL ELSE $3::timestamptz END WHERE id = $1`,
      [id, active, now],
    );
  }

  /** A one-time password: must be changed at the next sign-in; older tokens stop working; the lock is lifted. */
  async resetPassword(id: string, passwordHash: string, changedAt: Date): Promise<void> {
    await this.manager.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = $3, must_change_password = true,
              failed_login_count = 0, locked_until = NULL WHERE id = $1`,
      [id, passwordHash, changedAt],
    );
  }
}
