import type { Provider } from '@nestjs/common';
import { MotcuaConfig } from '@motcua/config';
import { APPLICANT_CHANNELS, ApplicantChannel, LogSmsChannel, SmtpMailChannel } from '@motcua/integrations';
import { ClockService } from '@motcua/platform';
import { join } from 'node:path';

/** The configured applicant channels: e-mail over SMTP (MAIL_SMTP_URL) and the SMS sink (SMS_GATEWAY). */
export const applicantChannelsProvider: Provider = {
  provide: APPLICANT_CHANNELS,
  inject: [MotcuaConfig, ClockService],
  useFactory: (config: MotcuaConfig, clock: ClockService): ApplicantChannel[] => [
    new SmtpMailChannel({ url: config.MAIL_SMTP_URL, from: config.MAIL_FROM }),
    new LogSmsChannel(join(config.MAILBOX_DIR, 'sms.log'), () => clock.now()),
  ],
};
