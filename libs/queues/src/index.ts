export * from './queue-contract';
export * from './system.queue';
export * from './outbox-relay';
export * from './outbox-consumer';
export * from './queue-registry';
export * from './workflow.queue';
export * from './agency.queue';
