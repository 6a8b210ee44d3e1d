import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a result download link grants: one result file of one dossier, until `expiresAt`. */
export interface DownloadGrant {
  dossierId: string;
  resultId: string;
  deliveryId: string;
  expiresAt: Date;
}

const encode = (value: Buffer | string) => Buffer.from(value).toString('base64url');

/**
 * `<payload>.<signature>`: base64url JSON of the grant and base64url HMAC-SHA256 over the payload text. The ids are
 * inside the signed payload, so changing any of them (another dossier, another result) breaks the signature.
 */
export function signDownloadGrant(secret: string, grant: DownloadGrant): string {
  const payload = encode(
    JSON.stringify({
      d: grant.dossierId,
      r: grant.resultId,
      v: grant.deliveryId,
      e: Math.floor(grant.expiresAt.getTime() / 1000),
    }),
  );
  return `${payload}.${encode(createHmac('sha256', secret).update(payload).digest())}`;
}

/** The grant of a genuine token (expired or not), or null for anything altered or malformed. */
export function verifyDownloadGrant(secret: string, token: string): DownloadGrant | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = createHmac('sha256', secret).update(payload).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof body.d !== 'string' || typeof body.r !== 'string' || typeof body.v !== 'string') return null;
    if (typeof body.e !== 'number') return null;
    return { dossierId: body.d, resultId: body.r, deliveryId: body.v, expiresAt: new Date(body.e * 1000) };
  } catch {
    return null;
  }
}
