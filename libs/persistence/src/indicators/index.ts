export * from './indicator-projection.repository';
export * from './indicator-recompute.repository';
export * from './indicator-query.repository';
export * from './indicator-input.repository';
export * from './counter-period';
export * from './counter-grain';
