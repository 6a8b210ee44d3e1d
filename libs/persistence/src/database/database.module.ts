import { Global, Logger, Module, OnApplicationShutdown, Inject } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DataSource } from 'typeorm';
import { createDataSource, runMigrationsUnderLock } from './data-source';
import { connectWhenAvailable } from './database-unavailable';

/** How long a booting service waits for an unavailable database before it gives up (and exits). */
const BOOT_WAIT_MS = 120_000;

const logger = new Logger('Database');

/** Provides the TypeORM DataSource (one pool per process), migrated at boot when configured. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [MotcuaConfig],
      useFactory: async (config: MotcuaConfig) => {
        const dataSource = createDataSource({ url: config.DATABASE_URL, applicationName: 'motcua' });
        // A database restarting while this service boots is waited for, not a reason to exit (issue 17).
        await connectWhenAvailable(() => dataSource.initialize(), {
          waitMs: BOOT_WAIT_MS,
          onRetry: (error) => logger.warn(`database unavailable at boot, retrying: ${String(error)}`),
        });
        if (config.MIGRATIONS_RUN_AT_BOOT) {
          const ran = await runMigrationsUnderLock(dataSource);
          logger.log(ran.length > 0 ? `ran migrations: ${ran.join(', ')}` : 'schema up to date');
        }
        return dataSource;
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
