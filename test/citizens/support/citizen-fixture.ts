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

/**
 * Takes an accepted dossier (one-step definition with a delivery step, desk return) through processing to its
 * return at the desk: result attached, step approved, result handed over → `returned`.
 */
export async function returnAtDesk(
  services: TestServices,
  actors: { desk: Actor; officer: Actor; admin: Actor },
  dossierId: string,
  advanceClock: (duration: { hours: number }) => Promise<void>,
  completeProcessStep: () => Promise<void>,
): Promise<void> {
  const http = () => request(services.api.getHttpServer());
  // Routing opens the agency's step asynchronously: the officer sees the dossier once it has.
  await services.waitUntilIdle();
  const attached = await http()
    .post(`/dossiers/${dossierId}/result`)
    .set(await authHeaderForActor(services, actors.officer))
    .field('decisionNumber', `KQ-${dossierId.slice(0, 4)}`)
    .field('kind', 'certificate')
    .field('issuedOn', '2026-11-23')
    .field('signer', 'Chủ tịch UBND')
    .attach('file', Buffer.from(`%PDF-1.4\n% ket qua ${dossierId}\n%%EOF\n`), {
      filename: 'ket-qua.pdf',
      contentType: 'application/pdf',
    });
  if (attached.status !== 201) throw new Error(`result: ${attached.status} ${JSON.stringify(attached.body)}`);
  await advanceClock({ hours: 2 });
  await completeProcessStep();
  await services.waitUntilIdle();
  const handed = await http()
    .post(`/dossiers/${dossierId}/delivery/handover`)
    .set(await authHeaderForActor(services, actors.desk))
    .send({ receivedBy: 'Người nhận', identityDocument: 'CCCD 001090000000' });
  if (handed.status !== 200) throw new Error(`handover: ${handed.status} ${JSON.stringify(handed.body)}`);
  await services.waitUntilIdle();
}
