import { signDownloadGrant, verifyDownloadGrant } from './download-link';

describe('result download links', () => {
  const secret = 's'.repeat(40);
  const grant = {
    dossierId: '11111111-1111-4111-8111-111111111111',
    resultId: '22222222-2222-4222-8222-222222222222',
    deliveryId: '33333333-3333-4333-8333-333333333333',
    expiresAt: new Date('2026-11-29T03:00:00Z'),
  };

  it('round-trips a genuine token', () => {
    expect(verifyDownloadGrant(secret, signDownloadGrant(secret, grant))).toEqual(grant);
  });

  it('refuses a token whose ids were changed, whose signature was swapped, or signed with another key', () => {
    const token = signDownloadGrant(secret, grant);
    const [, signature] = token.split('.');
    const other = signDownloadGrant(secret, { ...grant, dossierId: '44444444-4444-4444-8444-444444444444' });
    const [otherPayload, otherSignature] = other.split('.');
    expect(verifyDownloadGrant(secret, `${otherPayload}.${signature}`)).toBeNull();
    expect(verifyDownloadGrant(secret, `${token.split('.')[0]}.${otherSignature}`)).toBeNull();
    expect(verifyDownloadGrant('t'.repeat(40), token)).toBeNull();
    expect(verifyDownloadGrant(secret, `${token}.x`)).toBeNull();
    expect(verifyDownloadGrant(secret, 'garbage')).toBeNull();
  });
});
