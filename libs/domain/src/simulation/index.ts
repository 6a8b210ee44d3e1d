export * from './random';
export * from './province-model';
export * from './arrivals';
export * from './dossier-verdict';
export * from './simulation-result';
export * from './simulator';
export * from './sample-province';
export * from './scenario-run';
