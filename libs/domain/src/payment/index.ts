export * from './fee';
export * from './payment-request';
export * from './payment-clock-rule';
