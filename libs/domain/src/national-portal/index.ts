export * from './national-status-payload';
