export * from './deadline-timer.repository';
export * from './notification.repository';
