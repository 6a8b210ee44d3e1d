export * from './lunar';
export * from './vietnam-time';
export * from './working-calendar';
export * from './holiday-seed';
export * from './calendar-years';
export * from './received-at-bounds';
