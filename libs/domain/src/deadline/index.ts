export * from './clock-state';
export * from './deadline-thresholds';
export * from './on-time-classification';
export * from './apology-timing';
export * from './supplement-request-timing';
export * from './clock-ledger';
