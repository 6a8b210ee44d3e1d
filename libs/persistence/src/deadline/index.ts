export * from './notification.repository';
export * from './apology.repository';
export * from './deadline-clock.repository';
export * from './deadline-timer.repository';
export * from './deadline-reconcile.repository';
export * from './deadline-rearm.repository';
