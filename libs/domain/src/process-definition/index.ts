export * from './process-definition';
export * from './validate-process-definition';
export * from './decide-next-steps';
export * from './sample-process-definitions';
export * from './routed-events';
