export * from './motcua-config';
export * from './config.module';
export * from './production-safety';
export * from './redis-cluster-settings';
