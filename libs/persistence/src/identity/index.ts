export * from './user.entity';
export * from './refresh-token.entity';
export * from './user.repository';
export * from './refresh-token.repository';
export * from './password';
export * from './citizen-lookup.repository';
export * from './user-audit.repository';
export * from './staff-user.repository';
