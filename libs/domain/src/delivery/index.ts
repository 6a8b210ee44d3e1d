export * from './return-channel';
export * from './shipment-status';
