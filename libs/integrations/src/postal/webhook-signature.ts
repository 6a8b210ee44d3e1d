import { createHmac, timingSafeEqual } from 'node:crypto';
import { PostalWebhookRejectedError } from './postal-carrier';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (the scheme carriers and Stripe use). */
export const POSTAL_SIGNATURE_HEADER = 'x-postal-signature';

export function signWebhook(secret: string, rawBody: string, at: Date): string {
  const timestamp = Math.floor(at.getTime() / 1000);
  const digest = createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/**
 * Checks a webhook signature header against the raw body; refuses a timestamp further than `toleranceSeconds`
 * from `now` (a captured webhook cannot be replayed later), in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  rawBody: Buffer,
  header: string | undefined,
  now: Date,
  toleranceSeconds: number,
): void {
  if (!header) throw new PostalWebhookRejectedError(`missing ${POSTAL_SIGNATURE_HEADER} header`);
  const parts = new Map(
    header.split(',').map((part) => {
      const index = part.indexOf('=');
      return [part.slice(0, index).trim(), part.slice(index + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get('t'));
  const given = parts.get('v1') ?? '';
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given)) {
    throw new PostalWebhookRejectedError(`malformed ${POSTAL_SIGNATURE_HEADER} header`);
  }
  if (Math.abs(now.getTime() / 1000 - timestamp) > toleranceSeconds) {
    throw new PostalWebhookRejectedError('signature timestamp outside the accepted window');
  }
  const expected = createHmac('sha256', secret)
    .update(Buffer.concat([Buffer.from(`${timestamp}.`), rawBody]))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) {
    throw new PostalWebhookRejectedError('signature does not match the body');
  }
}
