export * from './applicant-notification.repository';
export * from './citizen-feedback.repository';
