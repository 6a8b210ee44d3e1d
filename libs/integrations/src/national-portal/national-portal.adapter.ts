import { createHmac, timingSafeEqual } from 'node:crypto';
import type { NationalStatusPayload } from '@motcua/domain';

/** Sends dossier status messages to the national public-service portal. Throws when the portal cannot take one. */
export interface NationalPortalAdapter {
  sendStatus(payload: NationalStatusPayload): Promise<void>;
}

export const NATIONAL_PORTAL_ADAPTER = Symbol('NATIONAL_PORTAL_ADAPTER');
export const NATIONAL_PORTAL_SIGNATURE_HEADER = 'x-motcua-signature';

/** hex HMAC-SHA256 of the exact JSON body. */
export function signNationalPortalBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export function verifyNationalPortalSignature(secret: string, body: string, signature: string | undefined): boolean {
  if (!signature || !/^[0-9a-f]{64}$/.test(signature)) return false;
  const expected = Buffer.from(signNationalPortalBody(secret, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
}

/**
 * JSON over HTTPS, signed with a shared secret (the portal's real authentication differs per connection agreement;
 * the embedded sandbox receiver checks this signature).
 */
export class HttpNationalPortalAdapter implements NationalPortalAdapter {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async sendStatus(payload: NationalStatusPayload): Promise<void> {
    const body = JSON.stringify(payload);
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [NATIONAL_PORTAL_SIGNATURE_HEADER]: signNationalPortalBody(this.secret, body),
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      const text = (await response.text().catch(() => '')).slice(0, 200);
      throw new Error(`national portal answered ${response.status}: ${text}`);
    }
  }
}
