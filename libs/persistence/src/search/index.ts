export * from './dossier-search.repository';
