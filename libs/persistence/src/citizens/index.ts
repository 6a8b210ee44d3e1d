export * from './applicant-notification.repository';
export * from './citizen-feedback.repository';
export * from './national-sync.repository';
export * from './citizen-status.repository';
