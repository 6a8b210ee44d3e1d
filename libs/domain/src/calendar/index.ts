export * from './lunar';
export * from './working-calendar';
export * from './holiday-seed';
