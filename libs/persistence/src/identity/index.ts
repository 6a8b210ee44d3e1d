export * from './user.entity';
export * from './refresh-token.entity';
export * from './user.repository';
export * from './refresh-token.repository';
export * from './password';
export * from './citizen-lookup.repository';
