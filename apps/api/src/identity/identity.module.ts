import type { RedisClient } from '@motcua/platform';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MotcuaConfig } from '@motcua/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { REDIS } from '@motcua/platform';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthUseCase } from './auth.use-case';
import { BullBoardModule } from './bull-board.module';
import { CitizenLookupController } from './citizen-lookup.controller';
import { CitizenLookupUseCase } from './citizen-lookup.use-case';
import { RedisThrottlerStorage } from './throttler-storage.service';
import { TokenModule } from './token.module';
import { UserRateLimitGuard } from './user-rate-limit.guard';

/**
 * Identity and access: local sign-in, OIDC bearer tokens, the global default-deny guard, rate limits on
 * login, citizen lookup and online submission (per address) and on every authenticated route (per user). Throttler counters are in Redis (shared by every API process);
 * account lockout is in Postgres. Both hold across processes.
 */
@Module({
  imports: [
    TokenModule,
    BullBoardModule,
    ThrottlerModule.forRootAsync({
      inject: [MotcuaConfig, REDIS],
      useFactory: (config: MotcuaConfig, redis: RedisClient) => ({
        storage: new RedisThrottlerStorage(redis, config.QUEUE_PREFIX),
        throttlers: [
          { name: 'login', ttl: config.LOGIN_THROTTLE_TTL_SECONDS * 1000, limit: config.LOGIN_THROTTLE_LIMIT },
          { name: 'public', ttl: config.PUBLIC_THROTTLE_TTL_SECONDS * 1000, limit: config.PUBLIC_THROTTLE_LIMIT },
        ],
      }),
    }),
  ],
  controllers: [AuthController, CitizenLookupController],
  providers: [
    AuthUseCase,
    CitizenLookupUseCase,
    // Order matters: global guards run in the order provided, and the per-user limit needs the verified actor.
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_GUARD, useClass: UserRateLimitGuard },
  ],
  exports: [TokenModule],
})
export class IdentityModule {}
