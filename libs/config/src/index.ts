export * from './motcua-config';
export * from './config.module';
