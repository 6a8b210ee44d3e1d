import { randomUUID } from 'node:crypto';
import { SubscriberRunnerService } from '@motcua/platform';
import type { Actor } from '../../../apps/api/src/identity/access.decorator';
import { DeadlineSweeper } from '../../../apps/workflow/src/deadlines/deadline-sweeper.service';
import { waitFor } from '../../support/test-config';
import { pdfBytes } from '../../delivery/support/delivery-fixture';
import {
  LAND_CERTIFICATE,
  PaymentWorld,
  startOnlinePayment,
  submitSandboxPage,
} from '../../payment/support/payment-fixture';
import { ClockService } from '@motcua/platform';

export const local = (wall: string): Date => new Date(`${wall}+07:00`);

export interface GoldenDossier {
  id: string;
  code: string;
  lookupSecret: string;
  appointmentAt: string;
}

/** HTTP steps of the golden scenario (desk intake by channel, hand-overs, payments, supplements, withdrawal). */
export class GoldenScript {
  constructor(private readonly world: PaymentWorld) {}

  async moveTo(wall: string): Promise<void> {
    const at = local(wall);
    await this.world.api.setClock(this.world.admin, at.toISOString());
    const clock = this.world.services.workflow.get(ClockService);
    await waitFor(`workflow clock at ${wall}`, async () => clock.now().getTime() === at.getTime());
    await this.settle();
  }

  async settle(): Promise<void> {
    await this.world.services.waitUntilIdle();
    await this.world.services.workflow.get(DeadlineSweeper).sweep();
    await this.world.services.waitUntilIdle();
  }

  /** Runs the indicator subscriber until it has read every event. */
  async project(): Promise<void> {
    await this.settle();
    await this.world.services.workflow.get(SubscriberRunnerService).runner.drain();
  }

  async accept(channel: 'in-person' | 'online' | 'postal', at: Date): Promise<GoldenDossier> {
    const response = await this.world.api
      .http()
      .post('/dossiers')
      .set(await this.world.api.auth(this.world.desk))
      .set('Idempotency-Key', randomUUID())
      .send({
        procedureId: this.world.catalog.procedures.get(LAND_CERTIFICATE)!.id,
        channel,
        ...(channel === 'postal' ? { receivedAt: at.toISOString() } : {}),
        applicant: {
          name: 'Lê Thị Hoa',
          identityNumber: '001090054321',
          address: 'Thôn Nam, xã An Hòa',
          phone: '0912000222',
        },
        documents: ['DON', 'GTNG'].map((code) => ({ code, form: 'original', count: 1 })),
        outcome: 'accept',
      });
    if (response.status !== 201) throw new Error(`intake: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async completeDesk(dossier: GoldenDossier): Promise<void> {
    await this.world.api.completeOpen(this.world.desk, dossier.id, 'desk');
  }

  async payAtDesk(dossier: GoldenDossier): Promise<void> {
    const response = await this.world.api
      .http()
      .post(`/dossiers/${dossier.id}/payments/desk`)
      .set(await this.world.api.auth(this.world.desk))
      .send({ method: 'cash', receiptNumber: `BL-${dossier.code}`, amount: 100000 });
    if (response.status !== 201 && response.status !== 200)
      throw new Error(`desk payment: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async payOnline(dossier: GoldenDossier): Promise<void> {
    const url = await startOnlinePayment(this.world, { ...dossier, request: undefined as never });
    const submitted = await submitSandboxPage(url, 'pay');
    if (submitted.status >= 400) throw new Error(`sandbox: ${submitted.status} ${submitted.page.slice(0, 200)}`);
    await waitFor('online payment recorded', async () => {
      const [row] = await this.world.services.dataSource.query(
        `SELECT count(*)::int AS n FROM dossier_event WHERE dossier_id = $1 AND type = 'payment-paid'`,
        [dossier.id],
      );
      return row.n === 1;
    });
  }

  async landRegistry(dossier: GoldenDossier, outcome: 'approve' | 'refuse' | 'request-supplement'): Promise<void> {
    await this.world.api.completeOpen(this.world.landOfficer, dossier.id, 'land-registry', outcome);
  }

  /** The land registry attaches the result (digitized: an electronic result with legal value; false: a scan copy). */
  async attachResult(dossier: GoldenDossier, digitized: boolean): Promise<void> {
    const response = await this.world.api
      .http()
      .post(`/dossiers/${dossier.id}/result`)
      .set(await this.world.api.auth(this.world.landOfficer))
      .field('decisionNumber', `GCN-${dossier.code}`)
      .field('kind', 'certificate')
      .field('issuedOn', '2031-03-07')
      .field('signer', 'Giám đốc Văn phòng đăng ký đất đai')
      .field('digitized', String(digitized))
      .attach('file', pdfBytes(2000), { filename: 'giay-chung-nhan.pdf', contentType: 'application/pdf' });
    if (response.status !== 201) throw new Error(`result: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async supplementReceived(dossier: GoldenDossier): Promise<void> {
    const response = await this.world.api
      .http()
      .post(`/dossiers/${dossier.id}/supplement-received`)
      .set(await this.world.api.auth(this.world.desk))
      .send({ note: 'Đã nhận đủ giấy tờ' });
    if (response.status !== 200) throw new Error(`supplement: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async withdraw(dossier: GoldenDossier): Promise<void> {
    const response = await this.world.api
      .http()
      .post(`/dossiers/${dossier.id}/withdraw`)
      .set(await this.world.api.auth(this.world.desk))
      .send({ reason: 'Người nộp rút hồ sơ' });
    if (response.status !== 200 && response.status !== 201)
      throw new Error(`withdraw: ${response.status} ${JSON.stringify(response.body)}`);
  }

  async get(actor: Actor, path: string, query: Record<string, string>) {
    return this.world.api
      .http()
      .get(path)
      .query(query)
      .set(await this.world.api.auth(actor));
  }
}

/** The land-certificate process of the payment tests, with a supplement request at the land registry. */
export function goldenDefinition(): object {
  return {
    procedureCode: LAND_CERTIFICATE,
    legalTime: { workingDays: 20 },
    handover: 'electronic',
    start: 'desk',
    steps: [
      {
        id: 'desk',
        kind: 'task',
        agency: { role: 'receiving-desk' },
        budget: { workingHours: 4 },
        transitions: { approve: 'fee' },
      },
      {
        id: 'fee',
        name: 'Nộp lệ phí',
        kind: 'payment',
        agency: { role: 'receiving-desk' },
        budget: { workingDays: 2 },
        transitions: { approve: 'land-registry' },
      },
      {
        id: 'land-registry',
        kind: 'task',
        agency: { code: '000.02.02.H62' },
        budget: { workingDays: 8 },
        transitions: { approve: '@end:result-ready', refuse: '@end:refused', 'request-supplement': 'land-registry' },
      },
    ],
  };
}
