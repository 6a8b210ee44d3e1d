export * from './payment.repository';
export * from './payment-lifecycle';
export * from './refund-lifecycle';
