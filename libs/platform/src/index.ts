export * from './redis';
export * from './clock.service';
export * from './platform.module';
export * from './logging';
export * from './graceful-shutdown';
export * from './worker-drain';
