export * from './dossier-document.repository';
export * from './dossier-result.repository';
export * from './reusable-file.repository';
