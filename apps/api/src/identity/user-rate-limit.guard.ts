import type { RedisClient } from '@motcua/platform';
import { CanActivate, ExecutionContext, HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { REDIS } from '@motcua/platform';
import type { Response } from 'express';
import type { Actor } from './access.decorator';
import { RedisThrottlerStorage } from './throttler-storage.service';

/**
 * Per-user rate limit on every authenticated route: USER_THROTTLE_LIMIT requests per USER_THROTTLE_TTL_SECONDS per
 * account, counted in the same Redis throttler storage as the login and public limits (so it holds across every API
 * process), then 429 with Retry-After until the window ends. Runs after the AccessGuard (global guards run in the
 * order they are provided), so it sees the verified actor; public routes have their own per-address limits.
 */
@Injectable()
export class UserRateLimitGuard implements CanActivate {
  private readonly storage: RedisThrottlerStorage;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(REDIS) redis: RedisClient,
  ) {
    this.storage = new RedisThrottlerStorage(redis, config.QUEUE_PREFIX);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<{ actor?: Actor }>();
    if (!request.actor) return true;
    const ttlMs = this.config.USER_THROTTLE_TTL_SECONDS * 1000;
    const limit = this.config.USER_THROTTLE_LIMIT;
    const record = await this.storage.increment(request.actor.userId, ttlMs, limit, ttlMs, 'user');
    const response = context.switchToHttp().getResponse<Response>();
    response.setHeader('X-RateLimit-Limit', String(limit));
    response.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - record.totalHits)));
    if (record.isBlocked) {
      response.setHeader('Retry-After', String(Math.max(1, record.timeToBlockExpire)));
      throw new HttpException(
        {
          statusCode: HttpStatus.TOO_MANY_REQUESTS,
          error: 'too-many-requests',
          message: `Too many requests from your account: at most ${limit} per ${this.config.USER_THROTTLE_TTL_SECONDS} s`,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    return true;
  }
}
