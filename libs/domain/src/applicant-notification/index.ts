export * from './applicant-notification-templates';
