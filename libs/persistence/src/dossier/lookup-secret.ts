import { createHash, createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/**
 * The citizen lookup secret printed on the receipt (mã tra cứu), derived from a server key and the dossier id so
 * the receipt can be reprinted; only its hash is stored (`dossier.lookup_secret_hash`).
 */
export function deriveLookupSecret(serverKey: string, dossierId: string): string {
  const digest = createHmac('sha256', serverKey).update(`dossier-lookup-secret:${dossierId}`).digest();
  let secret = '';
  for (let index = 0; index < 10; index++) secret += ALPHABET[digest[index] % ALPHABET.length];
  return secret;
}

/** What `dossier.lookup_secret_hash` stores: sha256 hex of the upper-cased secret. */
export function hashLookupSecret(secret: string): string {
  return createHash('sha256').update(secret.trim().toUpperCase()).digest('hex');
}
