import type { MotcuaConfig } from '@motcua/config';
import { hashPassword } from '@motcua/persistence';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Actor, Role } from '../../apps/api/src/identity/access.decorator';
import { signLocalAccessToken } from '../../apps/api/src/identity/token.service';

/**
 * Authentication helpers for e2e tests (issue #4). Typical use:
 *
 *   const agency = await createTestAgency(services.dataSource, { identifier: '000.21.12.H99' });
 *   const desk = await createTestUser(services.dataSource, { roles: ['desk_officer'], agencyId: agency.id });
 *   await request(server).get('/dossiers/x').set(await authHeader(services, desk));
 */

export interface TestAgency {
  id: string;
  identifier: string;
  name: string;
  path: string;
  parentId: string | null;
}

export interface TestUser {
  id: string;
  username: string;
  /** The plain password (for tests that log in over HTTP). */
  password: string;
  roles: Role[];
  agencyId: string;
  agencyPath: string;
}

/** Anything carrying the configuration: the TestServices object, or the config itself. */
export type ConfigSource = { config: MotcuaConfig } | MotcuaConfig;

const configOf = (source: ConfigSource): MotcuaConfig => ('config' in source ? source.config : source);

/** Creates an agency with a correct materialised path (`<parent path><own id>/`). */
export async function createTestAgency(
  dataSource: DataSource,
  input: {
    identifier: string;
    name?: string;
    level?: 'province' | 'department' | 'district' | 'commune';
    parentId?: string | null;
    hasDesk?: boolean;
  },
): Promise<TestAgency> {
  const parentPath = input.parentId
    ? (
        (await dataSource.query(`SELECT path FROM agency WHERE id = $1`, [input.parentId])) as Array<{ path: string }>
      )[0]?.path
    : '/';
  if (!parentPath) throw new Error(`createTestAgency: parent ${input.parentId} not found`);
  const rows: Array<{ id: string; path: string }> = await dataSource.query(
    `INSERT INTO agency (id, identifier, name, level, parent_id, path, has_desk)
     SELECT id, $1, $2, $3, $4, $5 || id::text || '/', $6 FROM (SELECT gen_random_uuid() AS id) AS fresh
     RETURNING id, path`,
    [
      input.identifier,
      input.name ?? `Test agency ${input.identifier}`,
      input.level ?? 'commune',
      input.parentId ?? null,
      parentPath,
      input.hasDesk ?? true,
    ],
  );
  return {
    id: rows[0].id,
    identifier: input.identifier,
    name: input.name ?? `Test agency ${input.identifier}`,
    path: rows[0].path,
    parentId: input.parentId ?? null,
  };
}

/** Creates an active local account (argon2id hash of `password`, default a random one returned in the result). */
export async function createTestUser(
  dataSource: DataSource,
  input: {
    roles: Role[];
    agencyId: string;
    username?: string;
    password?: string;
    displayName?: string;
    id?: string;
    active?: boolean;
  },
): Promise<TestUser> {
  const username = input.username ?? `test-${input.roles.join('-')}-${randomBytes(4).toString('hex')}`;
  const password = input.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  const rows: Array<{ id: string }> = await dataSource.query(
    `INSERT INTO app_user (id, username, display_name, password_hash, roles, agency_id, active, password_changed_at)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7, now() - interval '1 minute') RETURNING id`,
    [
      input.id ?? randomUUID(),
      username,
      input.displayName ?? username,
      await hashPassword(password),
      input.roles,
      input.agencyId,
      input.active ?? true,
    ],
  );
  const [agency]: Array<{ path: string }> = await dataSource.query(`SELECT path FROM agency WHERE id = $1`, [
    input.agencyId,
  ]);
  return {
    id: rows[0].id,
    username,
    password,
    roles: [...input.roles],
    agencyId: input.agencyId,
    agencyPath: agency.path,
  };
}

/** A valid access token for the user, signed with the test configuration's JWT_SECRET (no HTTP round trip). */
export function bearerFor(
  source: ConfigSource,
  user: { id: string; username: string; roles: readonly string[]; agencyId: string },
): Promise<string> {
  return signLocalAccessToken(configOf(source), {
    id: user.id,
    username: user.username,
    roles: [...user.roles],
    agencyId: user.agencyId,
  });
}

/** `{ Authorization: 'Bearer …' }` for supertest's `.set(...)`. */
export async function authHeader(
  source: ConfigSource,
  user: { id: string; username: string; roles: readonly string[]; agencyId: string },
): Promise<{ Authorization: string }> {
  return { Authorization: `Bearer ${await bearerFor(source, user)}` };
}

/**
 * For tests written against an `Actor` object (e.g. the interim `x-test-actor` header): makes sure an account
 * with that id, username, roles and agency exists (created on first use) and returns its bearer header.
 */
export async function authHeaderForActor(
  services: { config: MotcuaConfig; dataSource: DataSource },
  actor: Actor,
): Promise<{ Authorization: string }> {
  const existing: Array<{ id: string }> = await services.dataSource.query(`SELECT id FROM app_user WHERE id = $1`, [
    actor.userId,
  ]);
  if (existing.length === 0) {
    const taken: Array<{ id: string }> = await services.dataSource.query(
      `SELECT id FROM app_user WHERE lower(username) = lower($1)`,
      [actor.username],
    );
    await createTestUser(services.dataSource, {
      id: actor.userId,
      roles: actor.roles,
      agencyId: actor.agencyId,
      username: taken.length > 0 ? `${actor.username}-${actor.userId.slice(0, 8)}` : actor.username,
    });
  } else {
    await services.dataSource.query(`UPDATE app_user SET roles = $2::text[], agency_id = $3 WHERE id = $1`, [
      actor.userId,
      actor.roles,
      actor.agencyId,
    ]);
  }
  return authHeader(services, {
    id: actor.userId,
    username: actor.username,
    roles: actor.roles,
    agencyId: actor.agencyId,
  });
}
