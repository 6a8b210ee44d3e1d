export * from './agency-deadline-counts.repository';
