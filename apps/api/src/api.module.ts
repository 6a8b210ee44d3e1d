import { DynamicModule, Module } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { PlatformModule } from '@motcua/platform';
import { HealthModule } from './health/health.module';
import { TestClockController } from './test-clock/test-clock.controller';

/** The only HTTP face: desk, agencies, supervisors, citizens, gateway callbacks. */
@Module({})
export class ApiModule {
  static forRoot(config: MotcuaConfig): DynamicModule {
    return {
      module: ApiModule,
      imports: [PlatformModule.forRoot({ config, outboxRelay: false }), HealthModule],
      controllers: config.TEST_CLOCK_ENABLED ? [TestClockController] : [],
    };
  }
}
