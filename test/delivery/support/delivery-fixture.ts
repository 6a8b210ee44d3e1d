import request from 'supertest';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { authHeaderForActor } from '../../support/auth';
import type { TestServices } from '../../support/test-services';

/** Bytes that sniff as a PDF (magic number, then filler) of about `size` bytes. */
export function pdfBytes(size = 1200, seed = randomBytes(8).toString('hex')): Buffer {
  const head = Buffer.from(`%PDF-1.7\n% ${seed}\n`);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length), 0x20)]);
}

export function pngBytes(size = 600): Buffer {
  const head = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([head, randomBytes(Math.max(0, size - head.length))]);
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export interface ApplicantInput {
  name: string;
  identityNumber: string;
  phone?: string;
}

/** HTTP helpers for documents, results and delivery tests. */
export class DeliveryHttp {
  constructor(private readonly services: TestServices) {}

  http() {
    return request(this.services.api.getHttpServer());
  }

  auth(actor: Actor): Promise<{ Authorization: string }> {
    return authHeaderForActor(this.services, actor);
  }

  async accept(
    desk: Actor,
    procedureId: string,
    documents: string[],
    applicant: ApplicantInput = { name: 'Nguyễn Văn Á', identityNumber: '001090054321' },
    extra: Record<string, unknown> = {},
  ): Promise<{ id: string; code: string; lookupSecret: string }> {
    const response = await this.http()
      .post('/dossiers')
      .set(await this.auth(desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId,
        channel: 'in-person',
        applicant: { address: 'Thôn Đông, xã An Hòa', phone: applicant.phone ?? '0912345678', ...applicant },
        documents: documents.map((code) => ({ code, form: 'original', count: 1 })),
        outcome: 'accept',
        ...extra,
      });
    if (response.status !== 201) throw new Error(`intake: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async upload(desk: Actor, dossierId: string, checklistCode: string, bytes: Buffer, fileName = 'scan.pdf') {
    return this.http()
      .post(`/dossiers/${dossierId}/documents`)
      .set(await this.auth(desk))
      .field('checklistCode', checklistCode)
      .attach('file', bytes, { filename: fileName, contentType: 'application/pdf' });
  }
}

/** A one-step definition: the receiving desk's agency processes the dossier and approving makes the result. */
export function oneStepDefinition(procedureCode: string, version = 1, withDelivery = false): object {
  return {
    procedureCode,
    version,
    legalTime: { workingDays: 1 },
    handover: 'electronic',
    start: 'process',
    steps: [
      {
        id: 'process',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: withDelivery ? 'return-result' : '@end:result-ready' },
      },
      ...(withDelivery
        ? [
            {
              id: 'return-result',
              kind: 'delivery',
              agency: { role: 'receiving-desk' },
              budget: { workingHours: 4 },
              transitions: { approve: '@end:result-ready' },
            },
          ]
        : []),
    ],
  };
}
