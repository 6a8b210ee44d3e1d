export * from './document-storage';
export * from './local-disk.storage';
export * from './sweep-orphaned-files';
