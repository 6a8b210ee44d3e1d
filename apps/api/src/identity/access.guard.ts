import {
  CanActivate,
  ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  Logger,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Actor, ALLOWED_ROLES, BEFORE_PASSWORD_CHANGE, PUBLIC_ACCESS, Role } from './access.decorator';
import { TokenRejected, TokenService } from './token.service';

/** The bearer token of a request (`Authorization: Bearer <jwt>`), if any. */
export function bearerToken(request: Pick<Request, 'headers'>): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match?.[1];
}

/**
 * Global default-deny guard. `@Public()` routes pass. Every other route needs a valid bearer token (else 401),
 * an `@Roles(...)` declaration (else 403 and an error log naming the route), and an actor holding one of
 * those roles (else 403). Object-level scope is the use case's job (404 outside scope, see scope.ts).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger('AccessGuard');

  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(TokenService) private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ACCESS, targets)) return true;

    const request = context.switchToHttp().getRequest<Request & { actor?: Actor }>();
    // Never trust an actor set earlier in the pipeline: only a verified token makes one.
    request.actor = undefined;
    const token = bearerToken(request);
    if (!token) throw new UnauthorizedException('Authentication required');
    let actor: Actor;
    try {
      actor = await this.tokens.authenticate(token);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      this.tokens.logRejection(error);
      throw new UnauthorizedException('Invalid or expired token');
    }

    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (!allowed || allowed.length === 0) {
      this.logger.error(
        `route ${request.method} ${request.route?.path ?? request.path} (${context.getClass().name}.${context.getHandler().name}) lacks an access declaration (@Public or @Roles): refused`,
      );
      throw new ForbiddenException('This route has no access declaration');
    }
    if (!actor.roles.some((role) => allowed.includes(role)))
      throw new ForbiddenException('Your role may not use this route');
    if (actor.passwordChangeRequired && !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE, targets))
      throw new ForbiddenException(
        'You signed in with a one-time password: choose a new password first (POST /auth/password)',
      );
    request.actor = actor;
    return true;
  }
}
