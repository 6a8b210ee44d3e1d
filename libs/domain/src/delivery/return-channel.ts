import type { DossierChannel } from '../dossier/dossier-channel';
import type { DossierStatus } from '../dossier/dossier-status';

/**
 * How the result reaches the applicant (NĐ 61/2018 Art. 20; postal return: QĐ 45/2016): collected at the desk,
 * downloaded online (electronic result), or sent by the public postal service.
 */
export const RETURN_CHANNELS = ['desk', 'online', 'postal'] as const;
export type ReturnChannel = (typeof RETURN_CHANNELS)[number];

export function isReturnChannel(value: unknown): value is ReturnChannel {
  return typeof value === 'string' && (RETURN_CHANNELS as readonly string[]).includes(value);
}

/** The return channel when the applicant chose none: the way the dossier came in. */
export function defaultReturnChannel(submission: DossierChannel): ReturnChannel {
  switch (submission) {
    case 'in-person':
      return 'desk';
    case 'online':
      return 'online';
    case 'postal':
      return 'postal';
  }
}

/** Statuses in which the applicant may still change the return channel: until the result is ready. */
const CHANNEL_CHANGEABLE: readonly DossierStatus[] = [
  'registered',
  'awaiting-intake-supplement',
  'received',
  'processing',
  'awaiting-supplement',
  'awaiting-payment',
];

export function canChangeReturnChannel(status: DossierStatus): boolean {
  return CHANNEL_CHANGEABLE.includes(status);
}
