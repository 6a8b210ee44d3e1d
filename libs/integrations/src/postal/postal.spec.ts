import { PostalWebhookRejectedError } from './postal-carrier';
import { formatS10, isValidS10, s10CheckDigit } from './s10-tracking-number';
import { signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('S10 tracking numbers', () => {
  it('computes the UPU check digit', () => {
    // The S10 standard's example: RB 47312482 9 GB (weighted sum 200, 200 mod 11 = 2, 11 − 2 = 9)
    expect(s10CheckDigit('47312482')).toBe(9);
    expect(formatS10('RB', 47312482, 'GB')).toBe('RB473124829GB');
    expect(isValidS10('RB473124829GB')).toBe(true);
    expect(isValidS10('RB473124828GB')).toBe(false);
  });
});

describe('webhook signatures', () => {
  const secret = 'x'.repeat(40);
  const now = new Date('2026-11-26T03:00:00Z');
  const body = '{"eventId":"e1","status":"delivered"}';

  it('accepts the signature of the exact body within the window', () => {
    const header = signWebhook(secret, body, now);
    expect(() => verifyWebhookSignature(secret, Buffer.from(body), header, now, 300)).not.toThrow();
  });

  it('refuses another body, another secret, a stale timestamp and a missing header', () => {
    const header = signWebhook(secret, body, now);
    const altered = body.replace('delivered', 'failed');
    expect(() => verifyWebhookSignature(secret, Buffer.from(altered), header, now, 300)).toThrow(
      PostalWebhookRejectedError,
    );
    expect(() => verifyWebhookSignature('y'.repeat(40), Buffer.from(body), header, now, 300)).toThrow(/match/);
    const later = new Date(now.getTime() + 301_000);
    expect(() => verifyWebhookSignature(secret, Buffer.from(body), header, later, 300)).toThrow(/window/);
    expect(() => verifyWebhookSignature(secret, Buffer.from(body), undefined, now, 300)).toThrow(/missing/);
    expect(() => verifyWebhookSignature(secret, Buffer.from(body), 't=1,v1=zz', now, 300)).toThrow(/malformed/);
  });
});
