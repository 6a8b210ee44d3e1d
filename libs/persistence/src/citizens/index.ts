export * from './applicant-notification.repository';
