export * from './document-storage';
export * from './local-disk.storage';
