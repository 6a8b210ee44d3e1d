export * from './storage';
export * from './postal';
