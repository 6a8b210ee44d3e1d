export * from './indicator-rules';
export * from './dossier-facts';
export * from './indicator-contributions';
export * from './indicator-values';
export * from './resolution-report';
export * from './open-level-contributions';
