import { createHmac, timingSafeEqual } from 'node:crypto';

/** Parameters that are never part of the signed data. */
const UNSIGNED_KEYS = new Set(['vnp_SecureHash', 'vnp_SecureHashType']);

/**
 * The data VNPay 2.1.0 signs for pay URLs, IPN and return URLs: empty values dropped, keys sorted ascending,
 * each key and value form-urlencoded (space → `+`, as `URLSearchParams` does), joined with `&`.
 */
export function vnpaySignedData(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(params).sort()) {
    if (UNSIGNED_KEYS.has(key)) continue;
    const value = params[key];
    if (value === undefined || value === null || value === '') continue;
    search.append(key, String(value));
  }
  return search.toString();
}

/** Hex HMAC-SHA512 of `data` with the merchant's hash secret. */
export function hmacSha512Hex(secret: string, data: string): string {
  return createHmac('sha512', secret).update(Buffer.from(data, 'utf-8')).digest('hex');
}

/** `vnp_SecureHash` of a parameter set (pay URL, IPN, return URL). */
export function vnpaySign(secret: string, params: Record<string, string | number | undefined | null>): string {
  return hmacSha512Hex(secret, vnpaySignedData(params));
}

/** Compares two hex digests in constant time (case-insensitive); false for anything that is not the same length. */
export function sameHexDigest(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || !/^[0-9a-fA-F]+$/.test(given)) return false;
  const left = Buffer.from(expected.toLowerCase(), 'utf-8');
  const right = Buffer.from(given.toLowerCase(), 'utf-8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** True when `params.vnp_SecureHash` is the signature of the other parameters. */
export function vnpayVerify(secret: string, params: Record<string, unknown>): boolean {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value === 'string' || typeof value === 'number') flat[key] = String(value);
    else if (value !== undefined && value !== null) return false; // arrays (repeated keys) or objects: not VNPay's
  }
  return sameHexDigest(vnpaySign(secret, flat), params.vnp_SecureHash);
}

/**
 * The pipe-joined data VNPay signs for its merchant API (QueryDR, refund) requests and responses: the listed
 * fields' values in the given order, missing ones as empty strings.
 */
export function vnpayPipeData(fields: ReadonlyArray<string | number | undefined | null>): string {
  return fields.map((value) => (value === undefined || value === null ? '' : String(value))).join('|');
}
