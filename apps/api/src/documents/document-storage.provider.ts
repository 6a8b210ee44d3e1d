import { Provider } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { DocumentStorage, LocalDiskStorage } from '@motcua/integrations';
import { join, resolve } from 'node:path';

/** Injection token of the document storage (documents and electronic results). */
export const DOCUMENT_STORAGE = Symbol('DOCUMENT_STORAGE');

/** The configured document storage: local disk under `<DATA_DIR>/documents`. */
export const documentStorageProvider: Provider = {
  provide: DOCUMENT_STORAGE,
  inject: [MotcuaConfig],
  useFactory: (config: MotcuaConfig): DocumentStorage =>
    new LocalDiskStorage(join(resolve(config.DATA_DIR), 'documents')),
};
