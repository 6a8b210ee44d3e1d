export * from './database/data-source';
export * from './database/database.module';
export * from './entities';
export * from './outbox/outbox';
export * from './outbox/outbox-message.entity';
export * from './clock/clock-setting.entity';
export * from './catalog/agency.entity';
export * from './seed';
