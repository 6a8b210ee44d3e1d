export * from './notification.repository';
export * from './apology.repository';
