export * from './redis';
export * from './clock.service';
export * from './platform.module';
export * from './logging';
export * from './subscribers/dossier-event-subscriber';
export * from './subscribers/subscriber-runner';
export * from './subscribers/subscribers.module';
