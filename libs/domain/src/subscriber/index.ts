export * from './subscriber-position';
