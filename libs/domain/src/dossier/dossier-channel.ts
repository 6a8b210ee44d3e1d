import { DomainError } from '../errors/domain-error';

/** How a dossier was submitted (kênh thực hiện). */
export const DOSSIER_CHANNELS = ['in-person', 'online', 'postal'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

/** National portal channel codes: 1 in person, 2 online, 3 public postal service. */
export type NationalChannelCode = 1 | 2 | 3;

const NATIONAL_CHANNEL_CODES: Readonly<Record<DossierChannel, NationalChannelCode>> = {
  'in-person': 1,
  online: 2,
  postal: 3,
};

export function isDossierChannel(value: unknown): value is DossierChannel {
  return typeof value === 'string' && (DOSSIER_CHANNELS as readonly string[]).includes(value);
}

export function nationalChannelCode(channel: DossierChannel): NationalChannelCode {
  return NATIONAL_CHANNEL_CODES[channel];
}

/** @throws DomainError kind 'invalid', code 'dossier.unknown-channel-code' */
export function channelFromNationalCode(code: number): DossierChannel {
  const channel = DOSSIER_CHANNELS.find((name) => NATIONAL_CHANNEL_CODES[name] === code);
  if (channel === undefined) {
    throw new DomainError(
      'dossier.unknown-channel-code',
      `Unknown national channel code ${code}: expected 1 (in person), 2 (online) or 3 (postal).`,
      'invalid',
    );
  }
  return channel;
}
