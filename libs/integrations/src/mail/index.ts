export * from './applicant-channel';
export * from './smtp-mail.channel';
export * from './log-sms.channel';
export * from './mailbox-smtp.server';
export * from './mailbox';
