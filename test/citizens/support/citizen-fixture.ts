import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { authHeaderForActor } from '../../support/auth';
import type { TestServices } from '../../support/test-services';

export interface CitizenApplicant {
  name: string;
  identityNumber: string;
  email?: string;
  phone?: string;
}

/** Desk intake over HTTP with the applicant's contact details (issue 14 tests). */
export async function acceptDossier(
  services: TestServices,
  desk: Actor,
  procedureId: string,
  documents: string[],
  applicant: CitizenApplicant,
): Promise<{ id: string; code: string; lookupSecret: string }> {
  const response = await request(services.api.getHttpServer())
    .post('/dossiers')
    .set(await authHeaderForActor(services, desk))
    .set('Idempotency-Key', randomUUID())
    .send({
      procedureId,
      channel: 'in-person',
      applicant: { address: 'Thôn Đông, xã An Hòa', phone: '0912345678', ...applicant },
      documents: documents.map((code) => ({ code, form: 'original', count: 1 })),
      outcome: 'accept',
    });
  if (response.status !== 201) throw new Error(`intake: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}
