import { EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

export interface NewUser {
  username: string;
  displayName: string;
  /** argon2id hash (see hashPassword), or null for an OIDC-only account. */
  passwordHash: string | null;
  roles: string[];
  agencyId: string;
  active?: boolean;
}

/** What the access guard needs per request: the account state and the agency path. */
export interface UserAccess {
  id: string;
  username: string;
  roles: string[];
  agencyId: string;
  agencyPath: string;
  active: boolean;
  passwordChangedAt: Date;
  mustChangePassword: boolean;
}

export interface UserWithPassword extends UserEntity {
  passwordHash: string | null;
}

/** Local accounts (`app_user`). The password hash is only read by `findForLogin`. */
export class UserRepository {
  constructor(private readonly manager: EntityManager) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.manager.getRepository(UserEntity).findOne({ where: { id } });
  }

  findByUsername(username: string): Promise<UserEntity | null> {
    return this.manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  /** The account with its password hash, for login and password change only. */
  /** What the step-assignee rule needs to know about a user (null: no such user). */
  async findAssigneeFacts(id: string): Promise<{ active: boolean; agencyId: string; roles: string[] } | null> {
    const [user]: Array<{ active: boolean; agency_id: string; roles: string[] }> = await this.manager.query(
      `SELECT active, agency_id, roles FROM app_user WHERE id = $1`,
      [id],
    );
    return user ? { active: user.active, agencyId: user.agency_id, roles: user.roles } : null;
  }

  async findForLogin(username: string): Promise<UserWithPassword | null> {
    return (await this.manager
      .getRepository(UserEntity)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne()) as UserWithPassword | null;
  }

  async findPasswordHash(id: string): Promise<string | null> {
    const rows: Array<{ password_hash: string | null }> = await this.manager.query(
      `SELECT password_hash FROM app_user WHERE id = $1`,
      [id],
    );
    return rows[0]?.password_hash ?? null;
  }

  /** Account state and agency path in one indexed query (per authenticated request). */
  async findAccess(id: string): Promise<UserAccess | null> {
    const rows: Array<{
      id: string;
      username: string;
      roles: string[];
      agency_id: string;
      path: string;
      active: boolean;
      password_changed_at: Date;
      must_change_password: boolean;
    }> = await this.manager.query(
      `SELECT u.id, u.username, u.roles, u.agency_id, a.path, u.active, u.password_changed_at, u.must_change_password
         FROM app_user u JOIN agency a ON a.id = u.agency_id WHERE u.id = $1`,
      [id],
    );
    const row = rows[0];
    return row
      ? {
          id: row.id,
          username: row.username,
          roles: row.roles,
          agencyId: row.agency_id,
          agencyPath: row.path,
          active: row.active,
          passwordChangedAt: row.password_changed_at,
          mustChangePassword: row.must_change_password,
        }
      : null;
  }

  async createUser(input: NewUser): Promise<UserEntity> {
    const rows: Array<{ id: string }> = await this.manager.query(
      `INSERT INTO app_user (username, display_name, password_hash, roles, agency_id, active)
       VALUES ($1, $2, $3, $4::text[], $5, $6) RETURNING id`,
      [input.username, input.displayName, input.passwordHash, input.roles, input.agencyId, input.active ?? true],
    );
    return (await this.findById(rows[0].id)) as UserEntity;
  }

  /**
   * Counts a failed login; the `maxFailures`-th consecutive failure locks the account until `now + lockMs`
   * (and restarts the count). One atomic UPDATE, so parallel attempts cannot skip the lock.
   */
  async recordFailedLogin(
    id: string,
    now: Date,
    maxFailures: number,
    lockMs: number,
  ): Promise<{ lockedUntil: Date | null }> {
    const rows: Array<Array<{ locked_until: Date | null }>> = await this.manager.query(
      `UPDATE app_user SET
         locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN $3::timestamptz + ($4::bigint * interval '1 millisecond') ELSE locked_until END,
         failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END
       WHERE id = $1 RETURNING locked_until`,
      [id, maxFailures, now, lockMs],
    );
    return { lockedUntil: rows[0]?.[0]?.locked_until ?? null };
  }

  async recordSuccessfulLogin(id: string): Promise<void> {
    await this.manager.query(`UPDATE app_user SET failed_login_count = 0, locked_until = NULL WHERE id = $1`, [id]);
  }

  /** Stores a new hash; tokens issued before `now` stop working (see passwordChangedAt). */
  async changePassword(id: string, passwordHash: string, now: Date): Promise<void> {
    await this.manager.query(
      `UPDATE app_user SET password_hash = $2, password_changed_at = $3, must_change_password = false WHERE id = $1`,
      [id, passwordHash, now],
    );
  }
}
