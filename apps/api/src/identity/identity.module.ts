import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { MotcuaConfig } from '@motcua/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthUseCase } from './auth.use-case';
import { BullBoardModule } from './bull-board.module';
import { CitizenLookupController } from './citizen-lookup.controller';
import { CitizenLookupUseCase } from './citizen-lookup.use-case';
import { TokenModule } from './token.module';

/**
 * Identity and access: local sign-in, OIDC bearer tokens, the global default-deny guard, rate limits on
 * login and citizen lookup. Throttler counters are per process (in memory); account lockout is in Postgres
 * and holds across processes.
 */
@Module({
  imports: [
    TokenModule,
    BullBoardModule,
    ThrottlerModule.forRootAsync({
      inject: [MotcuaConfig],
      useFactory: (config: MotcuaConfig) => ({
        throttlers: [
          { name: 'login', ttl: config.LOGIN_THROTTLE_TTL_SECONDS * 1000, limit: config.LOGIN_THROTTLE_LIMIT },
          { name: 'public', ttl: config.PUBLIC_THROTTLE_TTL_SECONDS * 1000, limit: config.PUBLIC_THROTTLE_LIMIT },
        ],
      }),
    }),
  ],
  controllers: [AuthController, CitizenLookupController],
  providers: [AuthUseCase, CitizenLookupUseCase, { provide: APP_GUARD, useClass: AccessGuard }],
  exports: [TokenModule],
})
export class IdentityModule {}
