export * from './payment.repository';
