import { Inject, Injectable, Logger } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { LocalDiskStorage, OrphanSweepResult, sweepOrphanedFiles } from '@motcua/integrations';
import { DossierDocumentRepository } from '@motcua/persistence';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';

/**
 * One pass of the orphaned-file sweep over the document storage (`<DATA_DIR>/documents`, the same store the API
 * writes): files older than STORAGE_ORPHAN_GRACE_SECONDS that no document or result record names are removed.
 */
@Injectable()
export class SweepOrphanedFilesUseCase {
  private readonly logger = new Logger('SweepOrphanedFiles');
  private readonly storage: LocalDiskStorage;

  constructor(
    @Inject(MotcuaConfig) private readonly config: MotcuaConfig,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {
    this.storage = new LocalDiskStorage(join(resolve(config.DATA_DIR), 'documents'));
  }

  async run(): Promise<{ removedObjects: number; removedTemporary: number }> {
    // File ages are file-system (wall clock) times, not legal time: the grace is compared with the wall clock.
    const olderThan = new Date(Date.now() - this.config.STORAGE_ORPHAN_GRACE_SECONDS * 1000);
    const repository = new DossierDocumentRepository(this.dataSource.manager);
    const result: OrphanSweepResult = await sweepOrphanedFiles(
      this.storage,
      (keys) => repository.referencedStorageKeys(keys),
      olderThan,
    );
    if (result.removedObjects.length > 0 || result.removedTemporary > 0) {
      this.logger.log(
        `removed ${result.removedObjects.length} orphaned file(s) and ${result.removedTemporary} temporary file(s)`,
      );
    }
    return { removedObjects: result.removedObjects.length, removedTemporary: result.removedTemporary };
  }
}
