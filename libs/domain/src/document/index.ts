export * from './document-content-type';
