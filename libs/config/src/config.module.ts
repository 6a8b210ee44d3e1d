import { DynamicModule, Global, Module } from '@nestjs/common';
import { MotcuaConfig, processConfig } from './motcua-config';

@Global()
@Module({})
export class ConfigModule {
  /** Provides the validated {@link MotcuaConfig}; pass one explicitly in tests. */
  static forRoot(config: MotcuaConfig = processConfig()): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: MotcuaConfig, useValue: config }], exports: [MotcuaConfig] };
  }
}
