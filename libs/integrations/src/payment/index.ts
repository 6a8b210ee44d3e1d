export * from './payment-gateway';
export * from './vnpay-date';
export * from './vnpay-signature';
export * from './vnpay-protocol';
export * from './vnpay.gateway';
export * from './vnpay-sandbox';
export * from './payment-gateway.config';
