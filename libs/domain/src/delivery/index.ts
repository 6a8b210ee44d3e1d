export * from './return-channel';
export * from './shipment-status';
export * from './last-processing-step';
