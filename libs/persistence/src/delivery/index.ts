export * from './return-channel.repository';
export * from './delivery.repository';
export * from './postal-tracking.repository';
