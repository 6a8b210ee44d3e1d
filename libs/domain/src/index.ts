export * from './errors/domain-error';
export * from './dossier/dossier-status';
export * from './dossier/dossier-channel';
export * from './process-definition';
