export * from './national-portal.adapter';
