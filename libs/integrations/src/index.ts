export * from './storage';
export * from './postal';
export * from './payment';
