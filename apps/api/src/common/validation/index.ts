export * from './iso-date.decorator';
export * from './optional.decorator';
export * from './limits';
