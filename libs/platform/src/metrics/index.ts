export * from './process-metrics';
export * from './metrics.service';
