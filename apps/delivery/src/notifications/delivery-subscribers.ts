import type { Type } from '@nestjs/common';
import type { DossierEventSubscriber } from '@motcua/platform';
import { NationalSyncSubscriber } from '../national-portal/national-sync.subscriber';
import { ApplicantNotificationSubscriber } from './applicant-notification.subscriber';

/** The dossier-event subscribers the delivery service runs (issue 14). */
export const DELIVERY_SUBSCRIBERS: Array<Type<DossierEventSubscriber>> = [
  ApplicantNotificationSubscriber,
  NationalSyncSubscriber,
];
