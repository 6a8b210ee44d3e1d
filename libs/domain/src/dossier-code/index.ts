export * from './dossier-code';
