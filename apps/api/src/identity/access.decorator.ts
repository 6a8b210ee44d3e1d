import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';

/** Roles (see issue #4). A user belongs to one agency; supervisors see that agency's subtree. */
export const ROLES = ['desk_officer', 'agency_officer', 'agency_lead', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Who is acting: set on the request by the authentication guard. Repositories take it (or the scope
 * derived from it) in their signatures, so list queries filter in SQL, never after fetching.
 */
export interface Actor {
  userId: string;
  username: string;
  roles: Role[];
  /** The agency the user belongs to. */
  agencyId: string;
  /** Materialised path of that agency (`/root/.../agency/`); supervisors see every agency under it. */
  agencyPath: string;
  /** Signed in with a one-time password: only the routes marked @AllowedBeforePasswordChange are open. */
  passwordChangeRequired?: boolean;
}

export const PUBLIC_ACCESS = 'motcua:public';
export const BEFORE_PASSWORD_CHANGE = 'motcua:before-password-change';
export const ALLOWED_ROLES = 'motcua:roles';

/**
 * Marks a route that needs no user account: health probes, citizen lookup (verified by its own secret),
 * gateway callbacks (verified by signature). Everything else is denied unless it declares its roles.
 */
export const Public = () => SetMetadata(PUBLIC_ACCESS, true);

/**
 * The roles allowed on a route (default deny: a route with neither @Public nor @Roles is refused).
 * Object-level scope (own agency / subtree / assigned step) is enforced by the use case through the Actor:
 * an object outside the actor's scope is reported as 404, never 403, so existence does not leak.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/**
 * A route a user signed in with a one-time password (admin reset) may use before choosing a new password:
 * changing the password, reading who they are, signing out. Every other route answers 403 until then.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE, true);

/** The authenticated actor of this request. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
  if (!request.actor) throw new Error('CurrentActor used on a route without an authenticated actor');
  return request.actor;
});
