export * from './deadline-timer.repository';
export * from './notification.repository';
export * from './rearm-deadline-timers';
export * from './deadline-reconciler';
export * from './apology.repository';
